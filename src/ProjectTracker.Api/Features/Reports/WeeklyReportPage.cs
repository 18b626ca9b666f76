using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using ProjectTracker.Api.Features.Access;

namespace ProjectTracker.Api.Features.Reports;

/// <summary>
/// The weekly report as a page people open in a browser: <c>/reports/weekly/{isoWeek}</c>, with links to the weeks
/// either side; <c>/reports/weekly</c> goes to the last finished week. A browser cannot send the X-Api-Key header,
/// so any valid key may come once as <c>?api_key=…</c> and is then kept in a cookie for <c>/reports</c>.</summary>
public static class WeeklyReportPage
{
    public const string Path = "/reports/weekly";
    public const string Cookie = "pt_report_key";

    public static void Map(IEndpointRouteBuilder app)
    {
        // The fallback policy would ask for the header; the key is checked here instead (header, query or cookie).
        app.MapGet(Path, Latest).AllowAnonymous().ExcludeFromDescription();
        app.MapGet($"{Path}/{{isoWeek}}", Show).AllowAnonymous().ExcludeFromDescription();
    }

    public static async Task<Results<BuiltText, ContentHttpResult>> Show(
        string isoWeek, HttpContext http, IQuerySession session, WeeklyReports reports, WeeklyReportCharts charts, TimeProvider clock, CancellationToken ct)
    {
        if (await BrowserKey.Authenticate(http, Cookie, "/reports") is null)
        {
            return BrowserKey.KeyNeeded(http.Response, $"{Path}/{isoWeek}", "周报页面");
        }

        var stored = await reports.Get(IsoWeek.Parse(isoWeek), ct);
        http.Response.Headers.CacheControl = "no-store";
        return new BuiltText(await GetWeeklyReport.Page(stored.Report, charts, clock, session, ct), "text/html; charset=utf-8");
    }

    public static async Task<Results<RedirectHttpResult, ContentHttpResult>> Latest(HttpContext http, TimeProvider clock)
    {
        if (await BrowserKey.Authenticate(http, Cookie, "/reports") is null)
        {
            return BrowserKey.KeyNeeded(http.Response, Path, "周报页面");
        }

        return TypedResults.Redirect($"{Path}/{IsoWeek.Containing(clock.GetUtcNow()).Previous}");
    }
}
