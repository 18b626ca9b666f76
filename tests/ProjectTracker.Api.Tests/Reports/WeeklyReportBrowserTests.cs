using System.Net;
using Microsoft.Playwright;
using ProjectTracker.Api.Features.Reports;
using ProjectTracker.Api.Tests.Alerts;
using ProjectTracker.Api.Tests.Support;

namespace ProjectTracker.Api.Tests.Reports;

/// <summary>The report page in a real browser: Debian's chromium, headless, driven by Playwright (never a downloaded browser).</summary>
public sealed class WeeklyReportBrowserTests(AlertsApp app) : IClassFixture<AlertsApp>
{
    [Fact]
    public async Task Chromium_shows_the_report_page_with_its_charts_and_chinese_headings_and_no_console_errors()
    {
        var week = await AWeekWithARedProject();
        await using var chromium = await HeadlessChromium.Start();
        var page = chromium.Page;

        var response = await page.GotoAsync($"{app.Host.Client().BaseAddress}reports/weekly/{week}?api_key={ApiHost.AdminKey}");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = HeadlessChromium.Artefact($"weekly-report-{week}.png"), FullPage = true });

        Assert.Equal((int)HttpStatusCode.OK, response?.Status);
        Assert.Equal($"重点项目周报 {week}", (await page.Locator("h1").InnerTextAsync()).Trim());
        var headings = await page.Locator("h2").AllInnerTextsAsync();
        Assert.Contains(headings, h => h.Contains("总体情况", StringComparison.Ordinal));
        Assert.Contains(headings, h => h.Contains("红灯项目", StringComparison.Ordinal));
        var charts = page.Locator("figure.chart svg");
        Assert.True(await charts.CountAsync() >= 3, "the two district charts and the red project's trend");
        foreach (var chart in await charts.AllAsync())
        {
            var box = await chart.BoundingBoxAsync();
            Assert.True(box is { Width: > 200, Height: > 100 }, "each chart is drawn at a readable size");
        }

        var planChanges = page.Locator("h3:has-text('本周规划调整') + p + .table-wrap table");
        Assert.True(await planChanges.IsVisibleAsync(), "the week's plan changes have their section and table");
        var approved = await planChanges.Locator("tbody tr").Filter(new LocatorFilterOptions { HasText = "目标年份" }).InnerTextAsync();
        Assert.Contains("同意", approved, StringComparison.Ordinal);
        Assert.Contains("洛发改〔2026〕12号", approved, StringComparison.Ordinal);
        Assert.True(await page.EvaluateAsync<bool>("() => document.fonts.check('16px \"Noto Sans CJK SC\"', '总体情况')"), "a CJK font is there for the Chinese text");
        Assert.Empty(chromium.Errors);
    }

    /// <summary>A project red during a week (an overdue key milestone whose forecast moved) whose target year an approved plan change moved; answers the week, now over.</summary>
    private async Task<IsoWeek> AWeekWithARedProject()
    {
        var toMonday = ((int)DayOfWeek.Monday - (int)app.Today.DayOfWeek + 7) % 7;
        app.AdvanceDays(toMonday == 0 ? 7 : toMonday);
        var week = IsoWeek.Of(app.Today);
        var (projectId, milestoneId) = await app.NewProject(AlertsApp.NewAddress("red"), app.Today.AddDays(-5), isKey: true, name: $"浏览器周报{Scenario.Next()}");
        await (await app.Admin.PostJson($"/api/v1/projects/{projectId}/milestones/{milestoneId}/forecast", new { forecastDate = app.Today.AddDays(20), reason = "征地拆迁滞后" }))
            .Expect(HttpStatusCode.OK);
        await app.RunSlipScan();
        var asked = await (await app.Admin.PostJson($"/api/v1/projects/{projectId}/plan-changes", new { reason = "征地范围扩大", documentRef = "洛发改〔2026〕12号", changes = new { targetYear = 2028 } }))
            .Expect(HttpStatusCode.Created);
        var decider = app.Host.Client(await app.Given.NewKey("admin"));
        await (await decider.PostJson($"/api/v1/plan-changes/{asked.Str("id")}/approve", new { comment = "同意" })).Expect(HttpStatusCode.OK);
        app.AdvanceDays(7);
        return week;
    }
}
