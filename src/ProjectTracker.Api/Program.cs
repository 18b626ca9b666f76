using ProjectTracker.Api.Features.Access;
using ProjectTracker.Api.Features.Alerts;
using ProjectTracker.Api.Features.Baselines;
using ProjectTracker.Api.Features.Districts;
using ProjectTracker.Api.Features.Imports;
using ProjectTracker.Api.Features.Integration;
using ProjectTracker.Api.Features.Milestones;
using ProjectTracker.Api.Features.Portfolio;
using ProjectTracker.Api.Features.Progress;
using ProjectTracker.Api.Features.Projects;
using ProjectTracker.Api.Features.Proposals;
using ProjectTracker.Api.Features.Public;
using ProjectTracker.Api.Features.Reports;
using ProjectTracker.Api.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
if (string.IsNullOrWhiteSpace(builder.Configuration["urls"]))
{
    // The documented default; ASPNETCORE_URLS (or --urls) overrides it.
    builder.WebHost.UseUrls("http://localhost:5080");
}

builder.Services.AddTrackerServices(builder.Configuration);

var app = builder.Build();
app.UseSecurityHeaders();
app.UseExceptionHandler();
app.UseStatusCodePages();

// The OpenAPI document and UI are middleware, not endpoints: they go before authorization,
// whose fallback policy would otherwise ask them for a key. Branched on their path, because on every
// other request they would still build a SwaggerGenerator and run a regex (measured in scripts/bench.sh).
app.UseWhen(http => http.Request.Path.StartsWithSegments("/swagger"), swagger =>
{
    swagger.UseSwagger();
    swagger.UseSwaggerUI(ui =>
    {
        ui.SwaggerEndpoint("/swagger/v1/swagger.json", "ProjectTracker v1");
        ui.DocumentTitle = "ProjectTracker API";
    });
});

// Before authentication: a browser's preflight carries no key. Only endpoints that name a policy answer other origins.
app.UseCors();
app.UseAuthentication();
app.UseTrackerRateLimits();
app.UseAuthorization();
app.UseQueryStringRules();
app.UseStorableJsonBodies();
app.UseIdempotency();
app.MapTrackerHealth();

var api = app.MapGroup("/api/v1")
    .RequireCors(CrossOrigin.Keyed)
    .AddEndpointFilterFactory(Validation.ValidateArguments)
    .ProducesValidationProblem();
api.MapAccess();
api.MapDistricts();
var projects = api.MapProjects();
projects.MapMilestones();
projects.MapProgress();
api.MapBaselines();
api.MapPortfolio();
api.MapAlerts();
api.MapIntegration();
api.MapPublic();
api.MapProposals();
api.MapImports();
app.MapReports(api);
app.MapTrackerJobs(api);

app.Run();

/// <summary>The entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
