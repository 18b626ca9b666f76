using Hangfire;
using Hangfire.Dashboard;
using ProjectTracker.Api.Features.Access;
using ProjectTracker.Api.Infrastructure;

namespace ProjectTracker.Api.Features.Schedule;

public static class JobDashboard
{
    public const string Path = "/hangfire";

    public static void MapJobDashboard(this IEndpointRouteBuilder app) =>
        // The admin filter decides, taking a browser's key from the query string or cookie as well as the header.
        app.MapHangfireDashboard(Path, new DashboardOptions
        {
            Authorization = [],
            AsyncAuthorization = [new AdminDashboardAuthorization()],
            DashboardTitle = "ProjectTracker jobs",
            DisplayStorageConnectionString = false,
        }).AllowAnonymous();
}

public sealed class AdminDashboardAuthorization : IDashboardAsyncAuthorizationFilter
{
    public const string Cookie = "pt_dashboard_key";

    public async Task<bool> AuthorizeAsync(DashboardContext context) =>
        // Hangfire answers 403 rather than 401 to a known user who is not an admin.
        await BrowserKey.Authenticate(context.GetHttpContext(), Cookie, JobDashboard.Path) is { } user
        && user.IsInRole(Json.WireName(ApiKeyRole.Admin));
}
