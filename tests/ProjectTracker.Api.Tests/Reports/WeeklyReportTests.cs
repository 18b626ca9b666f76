using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MimeKit;
using ProjectTracker.Api.Features.Reports;
using ProjectTracker.Api.Features.Structure;
using ProjectTracker.Api.Infrastructure;
using ProjectTracker.Api.Tests.Alerts;
using ProjectTracker.Api.Tests.Support;
using ProjectTracker.Domain.Portfolio;
using ProjectTracker.Domain.Schedule;

namespace ProjectTracker.Api.Tests.Reports;

/// <summary>
/// The weekly report on a node of its own whose clock the tests move from week to week (events are stamped by it),
/// with real SMTP for the Monday mail.
/// </summary>
public sealed class WeeklyReportTests(AlertsApp app) : IClassFixture<AlertsApp>
{
    [Fact]
    public async Task A_finished_weeks_report_is_the_same_bytes_before_and_after_new_events_and_the_current_week_is_provisional()
    {
        var (week, projectId) = await AWeekWithAnOverdueAndACompletedMilestone();
        app.AdvanceDays(1);
        var first = await Bytes($"/api/v1/reports/weekly/{week}");
        var firstHtml = await Bytes($"/api/v1/reports/weekly/{week}?format=html");

        // The following week: more progress, a completed milestone and a new project.
        await (await app.Admin.PostJson($"/api/v1/projects/{projectId}/progress-reports", Progress(app.Today, 80m))).Expect(HttpStatusCode.Created);
        await app.NewProject(AlertsApp.NewAddress("later"), app.Today.AddDays(-3));
        await app.RunSlipScan();
        var again = await Bytes($"/api/v1/reports/weekly/{week}");

        Assert.Equal(first, again);
        Assert.Equal(firstHtml, await Bytes($"/api/v1/reports/weekly/{week}?format=html"));
        var report = JsonDocument.Parse(first).RootElement;
        Assert.False(report.GetProperty("provisional").GetBoolean());
        Assert.Equal(week.ToString(), report.Str("week"));
        Assert.Contains(report.GetProperty("overdue").EnumerateArray(), m => m.GetProperty("project").Str("id") == projectId);
        Assert.Contains(report.GetProperty("changes").GetProperty("completedMilestones").EnumerateArray(), m => m.GetProperty("project").Str("id") == projectId);
        Assert.Contains(report.GetProperty("changes").GetProperty("newSlips").EnumerateArray(), m => m.GetProperty("project").Str("id") == projectId);
        var current = await (await app.Admin.GetAsync($"/api/v1/reports/weekly/{week.Next}")).Expect(HttpStatusCode.OK);
        Assert.True(current.GetProperty("provisional").GetBoolean());
    }

    [Fact]
    public async Task The_report_figures_agree_with_the_portfolio_summary_as_of_the_same_sunday()
    {
        var (week, _) = await AWeekWithAnOverdueAndACompletedMilestone();
        app.AdvanceDays(2);

        var report = await (await app.Admin.GetAsync($"/api/v1/reports/weekly/{week}")).Expect(HttpStatusCode.OK);
        var summary = await (await app.Admin.GetAsync($"/api/v1/portfolio/summary?asOf={week.Sunday.Iso()}")).Expect(HttpStatusCode.OK);
        var byCategory = await (await app.Admin.GetAsync($"/api/v1/portfolio/summary?asOf={week.Sunday.Iso()}&groupBy=category")).Expect(HttpStatusCode.OK);

        Assert.True(JsonElement.DeepEquals(summary.GetProperty("totals"), report.GetProperty("headline").GetProperty("totals")));
        Assert.True(JsonElement.DeepEquals(summary.GetProperty("rows"), report.GetProperty("byDistrict")));
        Assert.True(JsonElement.DeepEquals(byCategory.GetProperty("rows"), report.GetProperty("byCategory")));
        Assert.True(report.GetProperty("headline").GetProperty("totals").GetProperty("projects").GetInt32() >= 1);
        Assert.Equal(week.Sunday.Iso(), report.Str("assessedOn"));
    }

    [Fact]
    public async Task Every_format_has_its_content_type_and_parses_and_bad_requests_get_clear_answers()
    {
        var (week, _) = await AWeekWithAnOverdueAndACompletedMilestone();
        app.AdvanceDays(1);
        var url = $"/api/v1/reports/weekly/{week}";

        var json = await app.Admin.GetAsync(url);
        var html = await app.Admin.GetAsync($"{url}?format=html");
        var csv = await Send(url, "text/csv");
        var xlsx = await app.Admin.GetAsync($"{url}?format=xlsx");

        Assert.Equal("application/json", json.Content.Headers.ContentType?.MediaType);
        JsonDocument.Parse(await json.Content.ReadAsByteArrayAsync());
        Assert.Equal("text/html", html.Content.Headers.ContentType?.MediaType);
        Assert.Contains("重点项目周报", await html.Content.ReadAsStringAsync());
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var csvBytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), csvBytes[..3]);
        var csvLines = Encoding.UTF8.GetString(csvBytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("代码,名称,项目数", csvLines[0]);
        Assert.StartsWith(",合计,", csvLines[^1]);
        Assert.All(csvLines, l => Assert.Equal(csvLines[0].Split(',').Length, l.Split(',').Length));
        Assert.Equal(GetWeeklyReport.XlsxType, xlsx.Content.Headers.ContentType?.MediaType);
        using (var zip = new ZipArchive(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync())))
        {
            using var reader = new StreamReader(zip.GetEntry("xl/workbook.xml")!.Open());
            var workbook = await reader.ReadToEndAsync();
            Assert.Contains("分区县", workbook);
            Assert.Contains("已逾期", workbook);
        }

        await (await Send(url, "image/png")).ExpectProblem(HttpStatusCode.NotAcceptable);
        await (await app.Admin.GetAsync($"{url}?format=pdf")).ExpectProblem(HttpStatusCode.BadRequest, "format");
        await (await app.Admin.GetAsync($"{url}?format=csv&table=nonsense")).ExpectProblem(HttpStatusCode.BadRequest, "table");
        await (await app.Admin.GetAsync("/api/v1/reports/weekly/2026-W60")).ExpectProblem(HttpStatusCode.BadRequest, "isoWeek");
        await (await app.Admin.GetAsync($"/api/v1/reports/weekly/{week.Next.Next.Next}")).ExpectProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_monday_job_mails_last_weeks_report_once_to_each_subscriber_with_the_charts_inline_and_the_workbook_attached()
    {
        var (week, _) = await AWeekWithAnOverdueAndACompletedMilestone();
        var reader = AlertsApp.NewAddress("leader");
        await (await app.Admin.PostJson("/api/v1/subscriptions", new { email = reader, kinds = new[] { "weekly-report" } })).Expect(HttpStatusCode.Created);
        app.AdvanceDays(1);

        var run = await (await app.Admin.PostAsync("/api/v1/jobs/weekly-report", null)).Expect(HttpStatusCode.OK);
        await (await app.Admin.PostAsync("/api/v1/jobs/weekly-report", null)).Expect(HttpStatusCode.OK);

        Assert.Equal(week.ToString(), run.Str("week"));
        var mail = Assert.Single(app.Mail.To(reader));
        Assert.StartsWith($"【周报】重点项目周报 {week}", mail.Subject);
        Assert.Contains("cid:rag-by-district", mail.HtmlBody);
        var images = mail.BodyParts.OfType<MimePart>().Where(p => p.ContentType.MimeType == "image/png").ToList();
        Assert.Contains(images, p => p.ContentId == "rag-by-district");
        var workbook = Assert.Single(mail.Attachments.OfType<MimePart>());
        Assert.Equal(GetWeeklyReport.XlsxType, workbook.ContentType.MimeType);
        Assert.EndsWith(".xlsx", workbook.FileName);
        using var content = new MemoryStream();
        await workbook.Content!.DecodeToAsync(content);
        content.Position = 0;
        using var zip = new ZipArchive(content);
        Assert.NotNull(zip.GetEntry("xl/workbook.xml"));
    }

    [Fact]
    public async Task The_page_asks_a_browser_for_a_key_once_then_keeps_it_in_a_cookie_and_links_the_weeks()
    {
        var (week, _) = await AWeekWithAnOverdueAndACompletedMilestone();
        app.AdvanceDays(1);
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = app.Host.Client().BaseAddress };

        var withoutKey = await browser.GetAsync($"/reports/weekly/{week}");
        var withKey = await browser.GetAsync($"/reports/weekly/{week}?api_key={ApiHost.AdminKey}");
        var byCookie = await browser.GetAsync($"/reports/weekly/{week.Previous}");
        var latest = await browser.GetAsync("/reports/weekly");

        Assert.Equal(HttpStatusCode.Unauthorized, withoutKey.StatusCode);
        Assert.Contains("api_key", await withoutKey.Content.ReadAsStringAsync());
        Assert.Equal("no-store", withoutKey.Headers.CacheControl?.ToString());
        Assert.Equal(HttpStatusCode.OK, withKey.StatusCode);
        var page = await withKey.Content.ReadAsStringAsync();
        Assert.Contains($"href=\"/reports/weekly/{week.Previous}\"", page);
        Assert.Contains("<svg", page);
        Assert.Equal(HttpStatusCode.OK, byCookie.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, latest.StatusCode);
        Assert.Equal($"/reports/weekly/{week}", latest.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task The_page_and_the_mail_link_each_project_to_a_page_a_person_can_read_the_public_one_when_it_is_public()
    {
        var toMonday = ((int)DayOfWeek.Monday - (int)app.Today.DayOfWeek + 7) % 7;
        app.AdvanceDays(toMonday == 0 ? 7 : toMonday);
        var week = IsoWeek.Of(app.Today);
        var (shown, _) = await app.NewProject(AlertsApp.NewAddress("open"), app.Today.AddDays(-3), name: $"公开项目{Scenario.Next()}");
        var (hidden, _) = await app.NewProject(AlertsApp.NewAddress("closed"), app.Today.AddDays(-3), name: $"内部项目{Scenario.Next()}");
        await (await app.Admin.PatchJson($"/api/v1/projects/{hidden}", new { isPublic = false })).Expect(HttpStatusCode.OK);
        var reader = AlertsApp.NewAddress("links");
        await (await app.Admin.PostJson("/api/v1/subscriptions", new { email = reader, kinds = new[] { "weekly-report" } })).Expect(HttpStatusCode.Created);
        app.AdvanceDays(7);

        var page = await (await app.Admin.GetAsync($"/reports/weekly/{week}")).Content.ReadAsStringAsync();
        await (await app.Admin.PostAsync("/api/v1/jobs/weekly-report", null)).Expect(HttpStatusCode.OK);

        Assert.Contains($"<a href=\"/public/projects/{shown}\">", page);
        Assert.Contains($"<a href=\"/projects/{hidden}\">", page);
        var mail = Assert.Single(app.Mail.To(reader)).HtmlBody;
        Assert.Contains($"<a href=\"https://tracker.example.org/public/projects/{shown}\">", mail);
        Assert.Contains($"<a href=\"https://tracker.example.org/projects/{hidden}\">", mail);
        Assert.DoesNotContain("/api/v1/projects/", page + mail);
    }

    [Fact]
    public async Task Reports_built_from_the_stored_projects_are_the_ones_replayed_from_every_event()
    {
        var toMonday = ((int)DayOfWeek.Monday - (int)app.Today.DayOfWeek + 7) % 7;
        app.AdvanceDays(toMonday == 0 ? 7 : toMonday);
        var week = IsoWeek.Of(app.Today);
        var (projectId, overdue) = await app.NewProject(AlertsApp.NewAddress("current"), app.Today.AddDays(-3), name: $"本周报测试{Scenario.Next()}");
        var earlyBaseline = app.Today.AddDays(5);
        var early = await app.Given.NewMilestone(projectId, earlyBaseline, kind: "main-works");
        var late = await app.Given.NewMilestone(projectId, app.Today.AddDays(40), kind: "completion");
        var later = await app.Given.NewMilestone(projectId, app.Today.AddDays(60), kind: "in-service");
        string Path(JsonElement m) => $"/api/v1/projects/{projectId}/milestones/{m.Str("id")}";
        await (await app.Admin.PostJson($"{Path(late)}/forecast", new { forecastDate = app.Today.AddDays(50), reason = "征地延后" })).Expect(HttpStatusCode.OK);
        await (await app.Admin.PostJson($"{Path(later)}/forecast", new { forecastDate = app.Today.AddDays(70), reason = "设备延期" })).Expect(HttpStatusCode.OK);
        await app.RunSlipScan();
        app.AdvanceDays(1);
        // Recoveries that are not completions; one milestone is then completed later in the week, the other next week.
        await (await app.Admin.PostJson($"{Path(late)}/forecast", new { forecastDate = app.Today.AddDays(39), reason = "抢回工期" })).Expect(HttpStatusCode.OK);
        await (await app.Admin.PostJson($"{Path(later)}/forecast", new { forecastDate = app.Today.AddDays(59), reason = "抢回工期" })).Expect(HttpStatusCode.OK);
        await app.RunSlipScan();
        app.AdvanceDays(1);
        await (await app.Admin.PostJson($"{Path(late)}/complete", new { actualDate = app.Today })).Expect(HttpStatusCode.OK);
        await (await app.Admin.PostJson($"/api/v1/projects/{projectId}/milestones/{overdue}/complete", new { actualDate = app.Today })).Expect(HttpStatusCode.OK);
        await app.RunSlipScan();
        var request = await (await app.Admin.PostJson($"/api/v1/projects/{projectId}/rebaseline-requests", new
        {
            reason = "设计变更",
            changes = new[] { new { milestoneId = early.Str("id"), newBaselineDate = earlyBaseline.AddDays(25) } },
        })).Expect(HttpStatusCode.Created);
        var approver = app.Host.Client(await app.Given.NewKey("admin"));
        await (await approver.PostJson($"/api/v1/rebaseline-requests/{request.Str("id")}/approve", new { comment = "同意" })).Expect(HttpStatusCode.OK);

        var current = await BothWays(week);
        Assert.True(current.Provisional);
        var changes = current.Changes;
        Assert.Contains(changes.NewSlips, s => s.Project.Id.ToString() == projectId);
        Assert.Equal(2, changes.Recoveries.Count(r => r.Project.Id.ToString() == projectId && r.Severity == Rag.Green));
        Assert.Equal(2, changes.CompletedMilestones.Count(c => c.Project.Id.ToString() == projectId));
        Assert.Equal(25, Assert.Single(changes.RebaselinesApproved, r => r.Project.Id.ToString() == projectId).DaysMoved);

        // The next week changes the project and adds another: the finished week must still be told as it stood.
        app.AdvanceDays(5);
        await (await app.Admin.PostJson($"{Path(later)}/complete", new { actualDate = app.Today })).Expect(HttpStatusCode.OK);
        await (await app.Admin.PostJson($"/api/v1/projects/{projectId}/progress-reports", Progress(app.Today, 60m))).Expect(HttpStatusCode.Created);
        await app.NewProject(AlertsApp.NewAddress("next"), app.Today.AddDays(-1));
        await app.RunSlipScan();

        var finished = await BothWays(week);
        Assert.False(finished.Provisional);
        Assert.Equal(2, finished.Changes.Recoveries.Count(r => r.Project.Id.ToString() == projectId));
        await BothWays(week.Next);
    }

    /// <summary>Builds the week's report from the stored projects and from every event, asserts they agree, and answers it.</summary>
    private async Task<WeeklyReport> BothWays(IsoWeek week)
    {
        await using var scope = app.Host.Services.CreateAsyncScope();
        var fromDocuments = await scope.ServiceProvider.GetRequiredService<BuildWeeklyReport>().Build(week, CancellationToken.None);
        var fromEvents = await new BuildWeeklyReport(
            scope.ServiceProvider.GetRequiredService<IDocumentStore>(),
            scope.ServiceProvider.GetRequiredService<IOptions<StatusThresholds>>(),
            scope.ServiceProvider.GetRequiredService<IOptions<ReportOptions>>(),
            scope.ServiceProvider.GetRequiredService<IOptions<RankingRule>>(),
            scope.ServiceProvider.GetRequiredService<StructureCatalogs>(),
            app.Clock)
        { ReplayAllEvents = true }.Build(week, CancellationToken.None);

        string Comparable(WeeklyReport report) => JsonSerializer.Serialize(report with { AsOf = default, GeneratedAt = default }, Json.Options);
        Assert.Equal(Comparable(fromEvents), Comparable(fromDocuments));
        return fromDocuments;
    }

    /// <summary>
    /// Moves the clock to the next Monday, then during that week: a project with an overdue milestone (flagged by the
    /// scan) and a milestone completed; then on to the following Monday. Answers the week.
    /// </summary>
    private async Task<(IsoWeek Week, string ProjectId)> AWeekWithAnOverdueAndACompletedMilestone()
    {
        var toMonday = ((int)DayOfWeek.Monday - (int)app.Today.DayOfWeek + 7) % 7;
        app.AdvanceDays(toMonday == 0 ? 7 : toMonday);
        var week = IsoWeek.Of(app.Today);
        var (projectId, _) = await app.NewProject(AlertsApp.NewAddress("weekly"), app.Today.AddDays(-3), name: $"周报测试{Scenario.Next()}");
        var done = await app.Given.NewMilestone(projectId, app.Today.AddDays(10), kind: "completion");
        await (await app.Admin.PostJson($"/api/v1/projects/{projectId}/progress-reports", Progress(app.Today, 40m))).Expect(HttpStatusCode.Created);
        await app.RunSlipScan();
        app.AdvanceDays(2);
        await (await app.Admin.PostJson($"/api/v1/projects/{projectId}/milestones/{done.Str("id")}/complete", new { actualDate = app.Today })).Expect(HttpStatusCode.OK);
        app.AdvanceDays(5);
        Assert.Equal(DayOfWeek.Monday, app.Today.DayOfWeek);
        return (week, projectId);
    }

    private static object Progress(DateOnly day, decimal percent) => new
    {
        reportDate = day,
        percentComplete = percent,
        investmentToDate = 5000m + percent,
        narrative = "主体结构施工中",
    };

    private async Task<byte[]> Bytes(string url) => await (await app.Admin.GetAsync(url)).EnsureSuccessStatusCode().Content.ReadAsByteArrayAsync();

    private async Task<HttpResponseMessage> Send(string url, string accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        return await app.Admin.SendAsync(request);
    }
}
