using ProjectTracker.Api;

var builder = WebApplication.CreateBuilder(args);
if (string.IsNullOrWhiteSpace(builder.Configuration["urls"]))
{
    // The documented default; ASPNETCORE_URLS (or --urls) overrides it.
    builder.WebHost.UseUrls("http://localhost:5080");
}

builder.Services.AddTracker(builder.Configuration);
builder.Build().UseTracker().Run();

// Visible to the integration tests' WebApplicationFactory.
public partial class Program;
