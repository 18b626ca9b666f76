using System.Security.Claims;
using System.Text.Json;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using ProjectTracker.Api.Features.Access;
using ProjectTracker.Api.Infrastructure;
using ProjectTracker.Domain.Portfolio;
using ProjectTracker.Domain.Projects;

namespace ProjectTracker.Api.Features.Projects;

public static class AmendProject
{
    /// <summary>
    /// A JSON merge patch of the descriptive fields: fields present are set (null clears an
    /// optional one), fields absent stay as they are.</summary>
    public sealed record Request(
        string? Code,
        string? Name,
        Category? Category,
        string? District,
        string? ResponsibleUnit,
        string? ContactEmail,
        string? LeadOfficial,
        decimal? TotalInvestment,
        PlanPeriod? PlanPeriod,
        int? TargetYear,
        string? Cluster,
        string? Sector,
        string? Programme,
        bool? IsPublic,
        string? Description)
    {
        private HashSet<string> Present { get; init; } = new(StringComparer.OrdinalIgnoreCase);

        public bool Has(string field) => Present.Contains(field);

        public static async ValueTask<Request?> BindAsync(HttpContext http)
        {
            JsonDocument document;
            try
            {
                document = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
            }
            catch (JsonException e)
            {
                throw new BadHttpRequestException("The body is not valid JSON.", StatusCodes.Status400BadRequest, e);
            }

            using (document)
            {
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    throw new BadHttpRequestException("The body is a JSON object of the fields to change.", StatusCodes.Status400BadRequest,
                        new JsonException("The body is a JSON object of the fields to change.", "$", null, null));
                }

                Request? request;
                try
                {
                    request = document.RootElement.Deserialize<Request>(Json.RequestOptions);
                }
                catch (JsonException e)
                {
                    throw new BadHttpRequestException("A field has the wrong type.", StatusCodes.Status400BadRequest, e);
                }

                return request! with { Present = [.. document.RootElement.EnumerateObject().Select(p => p.Name)] };
            }
        }

        public sealed class Validator : AbstractValidator<Request>
        {
            public Validator(IQuerySession session)
            {
                RuleFor(r => r.Code).Null().WithMessage("The project code cannot be changed.").When(r => r.Has("code"));
                RuleFor(r => r.Name).ProjectName().When(r => r.Has("name"));
                RuleFor(r => r.Category).NotNull().Known().When(r => r.Has("category"));
                RuleFor(r => r.District).KnownDistrict(session).When(r => r.Has("district"));
                RuleFor(r => r.ResponsibleUnit).RequiredText().When(r => r.Has("responsibleUnit"));
                RuleFor(r => r.ContactEmail).OptionalEmail();
                RuleFor(r => r.LeadOfficial).OptionalText();
                RuleFor(r => r.TotalInvestment).Money();
                RuleFor(r => r.PlanPeriod).Known();
                RuleFor(r => r.TargetYear).TargetYear();
                RuleFor(r => r.Cluster).OptionalText();
                RuleFor(r => r.Sector).OptionalText();
                RuleFor(r => r.Programme).OptionalText();
                RuleFor(r => r.IsPublic).NotNull().When(r => r.Has("isPublic"));
                RuleFor(r => r.Description).OptionalText(ProjectProfile.MaxTextLength);
            }
        }

        public ProjectProfile MergeInto(ProjectProfile current) => new()
        {
            Name = Has("name") ? Name!.Trim() : current.Name,
            Category = Has("category") ? Category!.Value : current.Category,
            District = Has("district") ? District!.Trim() : current.District,
            ResponsibleUnit = Has("responsibleUnit") ? ResponsibleUnit!.Trim() : current.ResponsibleUnit,
            ContactEmail = Has("contactEmail") ? ContactEmail?.Trim() : current.ContactEmail,
            LeadOfficial = Has("leadOfficial") ? LeadOfficial?.Trim() : current.LeadOfficial,
            TotalInvestment = Has("totalInvestment") ? TotalInvestment : current.TotalInvestment,
            PlanPeriod = Has("planPeriod") ? PlanPeriod : current.PlanPeriod,
            TargetYear = Has("targetYear") ? TargetYear : current.TargetYear,
            Cluster = Has("cluster") ? Cluster?.Trim() : current.Cluster,
            Sector = Has("sector") ? Sector?.Trim() : current.Sector,
            Programme = Has("programme") ? Programme?.Trim() : current.Programme,
            IsPublic = Has("isPublic") ? IsPublic!.Value : current.IsPublic,
            Description = Has("description") ? Description : current.Description,
        };
    }

    public static void Map(IEndpointRouteBuilder projects) =>
        projects.MapPatch("/{id:guid}", Handle)
            .RequireAuthorization(Policies.Writer)
            .Accepts<Request>("application/merge-patch+json", "application/json")
            .WithRequestExample(new Request(
                Code: null, Name: null, Category: null, District: null,
                ResponsibleUnit: "市城市建设投资集团",
                ContactEmail: null, LeadOfficial: "李四", TotalInvestment: 131200m,
                PlanPeriod: null, TargetYear: null, Cluster: null, Sector: null, Programme: null, IsPublic: null, Description: null))
            .WithName("AmendProject")
            .WithSummary("Amend a project's descriptive fields")
            .WithDescription("""
                A JSON merge patch: fields present are set (null clears an optional field), absent fields stay.
                The code cannot be changed. Honours `If-Match` (412 when stale). Moving a project to another
                district needs an admin key.
                """)
            .ProducesProjectWriteProblems();

    public static async Task<Ok<ProjectResponse>> Handle(
        Guid id, Request request, ClaimsPrincipal user, ProjectWriter writer, IQuerySession session, ProjectView view, HttpContext http, CancellationToken ct)
    {
        var caller = user.Caller();
        var amended = await writer.Execute(id, http.Request.ExpectedVersion(), caller, project =>
        {
            var profile = request.MergeInto(project.Profile);
            caller.EnsureMayWrite(profile.District);
            return new Domain.Projects.AmendProject(profile);
        }, ct);

        var stored = await session.LoadAsync<Project>(id, ct) ?? amended;
        http.Response.SetETag(stored.Version);
        return TypedResults.Ok(view.Show(stored));
    }
}
