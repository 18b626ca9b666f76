using System.Net;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;
using ProjectTracker.Api.Features.Schedule;
using ProjectTracker.Api.Tests.Support;
using ProjectTracker.Domain.Schedule;

namespace ProjectTracker.Api.Tests.Schedule;

/// <summary>Hangfire in the host: the recurring slip scan and the dashboard for admin keys.</summary>
[Collection(ApiCollection.Name)]
public sealed class JobsTests(TrackerApp app)
{
    private readonly Scenario given = new(app);

    [Fact]
    public void The_slip_scan_recurs_daily_at_six_in_the_morning_china_time()
    {
        var storage = app.Services.GetRequiredService<JobStorage>();
        using var connection = storage.GetConnection();

        var scan = Assert.Single(connection.GetRecurringJobs(), j => j.Id == ScanForSlipsJob.RecurringId);

        Assert.Equal("slip-scan", scan.Id);
        Assert.Equal("0 6 * * *", scan.Cron);
        Assert.Equal("Asia/Shanghai", scan.TimeZoneId);
        var zone = app.Services.GetRequiredService<ITimeZoneResolver>().GetTimeZoneById(scan.TimeZoneId);
        Assert.Equal(TimeSpan.FromHours(8), zone.BaseUtcOffset);
        Assert.Equal(typeof(ScanForSlipsJob), scan.Job.Type);
        Assert.Equal(nameof(ScanForSlipsJob.Run), scan.Job.Method.Name);
        var next = TimeZoneInfo.ConvertTimeFromUtc(scan.NextExecution!.Value, ShanghaiCalendar.Zone);
        Assert.Equal(new TimeOnly(6, 0), TimeOnly.FromDateTime(next));
    }

    [Fact]
    public async Task The_dashboard_answers_an_admin_key()
    {
        var page = await Html(await app.Client().GetAsync("/hangfire"));

        Assert.Contains("ProjectTracker jobs", page);
        Assert.Contains(ScanForSlipsJob.RecurringId, await Html(await app.Client().GetAsync("/hangfire/recurring")));
    }

    [Fact]
    public async Task The_dashboard_refuses_other_keys_with_403_and_no_key_with_401()
    {
        var reader = await given.NewKey("reader");

        await (await app.Client(reader).GetAsync("/hangfire")).ExpectProblem(HttpStatusCode.Forbidden);
        await (await app.Client(reader).GetAsync("/hangfire/recurring")).ExpectProblem(HttpStatusCode.Forbidden);
        await (await app.Client(null).GetAsync("/hangfire")).ExpectProblem(HttpStatusCode.Unauthorized);
        await (await app.Client("pt_not_a_key").GetAsync("/hangfire")).ExpectProblem(HttpStatusCode.Unauthorized);
        await (await app.Client(null).GetAsync($"/hangfire?api_key={reader}")).ExpectProblem(HttpStatusCode.Forbidden);
        await (await app.Client(null).GetAsync("/hangfire?api_key=pt_not_a_key")).ExpectProblem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_browser_opens_the_dashboard_once_with_the_key_in_the_address_then_by_cookie()
    {
        var browser = app.Client(null);

        var opened = await browser.GetAsync($"/hangfire?api_key={TrackerApp.AdminKey}");
        await Html(opened);
        var cookie = Assert.Single(opened.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("pt_dashboard_key=", cookie, StringComparison.Ordinal);
        Assert.Contains("path=/hangfire", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);

        await Html(await browser.GetAsync("/hangfire/recurring"));
        // The cookie is the dashboard's only: the API still wants the header.
        await (await browser.GetAsync("/api/v1/districts")).ExpectProblem(HttpStatusCode.Unauthorized);
    }

    private static async Task<string> Html(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Expected 200 but got {(int)response.StatusCode}: {text}");
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        return text;
    }
}
