using System.Net;
using System.Text;
using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MiniExcelLibs;
using ProjectTracker.Api.Features.Imports;
using ProjectTracker.Api.Features.PlanChanges;
using ProjectTracker.Api.Features.Reports;
using ProjectTracker.Api.Features.Structure;
using ProjectTracker.Api.Infrastructure;
using ProjectTracker.Api.Tests.Alerts;
using ProjectTracker.Api.Tests.Support;
using ProjectTracker.Domain.Portfolio;
using ProjectTracker.Domain.Projects;
using ProjectTracker.Domain.Schedule;

namespace ProjectTracker.Api.Tests.Reports;

/// <summary>The weekly report's plan changes (规划调整): asked for and decided in the week, through the real pipeline and the real Monday mail.</summary>
public sealed class WeeklyReportPlanChangesTests(AlertsApp app) : IClassFixture<AlertsApp>
{
    private const string DocumentRef = "洛发改〔2026〕88号";

    [Fact]
    public async Task A_weeks_report_lists_the_plan_changes_asked_for_or_decided_in_it_as_they_stood_at_its_end()
    {
        var story = await AWeekOfPlanChanges();

        var report = await BothWays(story.Week);

        var listed = report.Changes.PlanChanges.Where(c => c.Project.Id.ToString() == story.ProjectId).ToList();
        Assert.Equal([story.AskedBefore, story.Approved, story.Rebaseline, story.Pending], listed.Select(c => c.Id.ToString()));
        var lines = listed.ToDictionary(c => c.Id.ToString());
        var before = lines[story.AskedBefore];
        Assert.Equal(
            (false, (DateOnly?)story.Week.Monday.AddDays(-3), PlanChangeStatus.Approved, (DateOnly?)story.Week.Monday),
            (before.AskedThisWeek, before.AskedOn, before.Status, before.DecidedOn));
        Assert.Equal([ApprovedPlan.TargetYear], before.Fields);
        var approved = lines[story.Approved];
        Assert.Equal(
            (PlanChangeKind.PlanChange, "线路向东延伸至高铁站", DocumentRef, true, (DateOnly?)story.Week.Monday.AddDays(1), PlanChangeStatus.Approved, (DateOnly?)story.Week.Monday.AddDays(2)),
            (approved.Kind, approved.Reason, approved.DocumentRef, approved.AskedThisWeek, approved.AskedOn, approved.Status, approved.DecidedOn));
        Assert.Equal([ApprovedPlan.TotalInvestment, ApprovedPlan.Baselines], approved.Fields);
        var rebaseline = lines[story.Rebaseline];
        Assert.Equal((PlanChangeKind.Rebaseline, PlanChangeStatus.Rejected), (rebaseline.Kind, rebaseline.Status));
        Assert.Equal([ApprovedPlan.Baselines], rebaseline.Fields);
        var pending = lines[story.Pending];
        Assert.Equal((PlanChangeStatus.Pending, (DateOnly?)null), (pending.Status, pending.DecidedOn));
        Assert.DoesNotContain(story.NextWeek, lines.Keys);

        // The approved change moved a baseline: it counts with the week's rebaselines, net and absolute.
        var moved = Assert.Single(report.Changes.RebaselinesApproved, r => r.Project.Id.ToString() == story.ProjectId);
        Assert.Equal((45, (int?)45), (moved.DaysMoved, moved.DaysMovedAbsolute));
        Assert.Equal(report.Changes.RebaselinesApproved.Sum(r => r.DaysMovedAbsolute), report.Changes.RebaselineDaysAbsolute);
    }

    [Fact]
    public async Task The_week_before_shows_a_change_pending_that_was_decided_later()
    {
        var story = await AWeekOfPlanChanges();

        var earlier = await BothWays(story.Week.Previous);
        var later = await BothWays(story.Week.Next);

        var line = Assert.Single(earlier.Changes.PlanChanges, c => c.Project.Id.ToString() == story.ProjectId);
        Assert.Equal((story.AskedBefore, PlanChangeStatus.Pending, true), (line.Id.ToString(), line.Status, line.AskedThisWeek));
        Assert.Equal([story.NextWeek], later.Changes.PlanChanges.Where(c => c.Project.Id.ToString() == story.ProjectId).Select(c => c.Id.ToString()));
    }

    [Fact]
    public async Task The_page_the_csv_and_the_workbook_show_the_plan_changes_section()
    {
        var story = await AWeekOfPlanChanges();
        var url = $"/api/v1/reports/weekly/{story.Week}";

        var page = await (await app.Admin.GetAsync($"{url}?format=html")).EnsureSuccessStatusCode().Content.ReadAsStringAsync();
        var csv = await (await app.Admin.GetAsync($"{url}?format=csv&table=plan-changes")).EnsureSuccessStatusCode().Content.ReadAsByteArrayAsync();
        var xlsx = await (await app.Admin.GetAsync($"{url}?format=xlsx")).EnsureSuccessStatusCode().Content.ReadAsByteArrayAsync();

        Assert.Contains("<h3>（五）本周规划调整</h3>", page, StringComparison.Ordinal);
        Assert.Contains("本周申报规划调整 3 项；作出决定 3 项，其中同意 2 项、不同意 1 项。", page, StringComparison.Ordinal);
        Assert.Contains(DocumentRef, page, StringComparison.Ordinal);
        var rows = ImportSheet.CsvRecords(Encoding.UTF8.GetString(csv[3..]));
        Assert.Equal(["调整内容", "调整理由", "文号", "申报日期", "决定", "决定日期"], rows[0][4..]);
        Assert.Contains(rows, r => r[4..].SequenceEqual(["总投资、节点基准日期", "线路向东延伸至高铁站", DocumentRef, story.Week.Monday.AddDays(1).Iso(), "同意", story.Week.Monday.AddDays(2).Iso()]));
        Assert.Contains(rows, r => r[4] == "建设内容及规模" && r[8] == "待审批" && r[9] == "");
        using var workbook = new MemoryStream(xlsx);
        Assert.Equal(4, workbook.Query(useHeaderRow: true, sheetName: "本周规划调整").Count());
    }

    [Fact]
    public async Task The_monday_mail_tells_the_weeks_plan_changes_in_its_text_and_html()
    {
        var story = await AWeekOfPlanChanges();
        var reader = AlertsApp.NewAddress("planning");
        await (await app.Admin.PostJson("/api/v1/subscriptions", new { email = reader, kinds = new[] { "weekly-report" } })).Expect(HttpStatusCode.Created);

        var run = await (await app.Admin.PostAsync("/api/v1/jobs/weekly-report", null)).Expect(HttpStatusCode.OK);

        Assert.Equal(story.Week.ToString(), run.Str("week"));
        var mail = Assert.Single(app.Mail.To(reader));
        var text = AlertsApp.TextOf(mail);
        Assert.Contains("本周规划调整：申报 3 项；作出决定 3 项，其中同意 2 项、不同意 1 项。", text, StringComparison.Ordinal);
        Assert.Contains($"：总投资、节点基准日期；理由：线路向东延伸至高铁站；文号：{DocumentRef}；同意，{story.Week.Monday.AddDays(2).Iso()}", text, StringComparison.Ordinal);
        Assert.Contains("：建设内容及规模；理由：增设换乘通道；待审批", text, StringComparison.Ordinal);
        Assert.Contains("按每次移动计，共", text, StringComparison.Ordinal);
        Assert.Contains("（五）本周规划调整", mail.HtmlBody, StringComparison.Ordinal);
    }

    private sealed record Story(IsoWeek Week, string ProjectId, string AskedBefore, string Approved, string Rebaseline, string Pending, string NextWeek);

    /// <summary>
    /// On the Friday before a week, a target-year change is asked for. In the week: it is approved (Monday); a change of
    /// investment and a baseline, with a document number, is asked for (Tuesday) and approved (Wednesday); a rebaseline
    /// request is asked for and rejected (Thursday); a scope change is asked for and left pending (Friday). The following
    /// Monday another change is asked for. Answers the week; the clock stands on that following Monday.
    /// </summary>
    private async Task<Story> AWeekOfPlanChanges()
    {
        var toFriday = ((int)DayOfWeek.Friday - (int)app.Today.DayOfWeek + 7) % 7;
        app.AdvanceDays(toFriday == 0 ? 7 : toFriday);
        var week = IsoWeek.Of(app.Today.AddDays(3));
        var baseline = app.Today.AddDays(60);
        var (projectId, milestoneId) = await app.NewProject(AlertsApp.NewAddress("plan"), baseline, isKey: true, name: $"规划调整周报{Scenario.Next()}");
        var decider = app.Host.Client(await app.Given.NewKey("admin"));
        async Task<string> Ask(object changes, string reason = "线路向东延伸至高铁站", string? documentRef = null) =>
            (await (await app.Admin.PostJson($"/api/v1/projects/{projectId}/plan-changes", new { reason, documentRef, changes })).Expect(HttpStatusCode.Created)).Str("id");
        async Task Approve(string id) => await (await decider.PostJson($"/api/v1/plan-changes/{id}/approve", new { comment = "同意" })).Expect(HttpStatusCode.OK);

        var askedBefore = await Ask(new { targetYear = 2028 }, "征地范围扩大");
        app.AdvanceDays(3);
        await Approve(askedBefore);
        app.AdvanceDays(1);
        var approved = await Ask(new { totalInvestment = 138000m, baselines = new[] { new { milestoneId, newBaselineDate = baseline.AddDays(45) } } }, documentRef: DocumentRef);
        app.AdvanceDays(1);
        await Approve(approved);
        app.AdvanceDays(1);
        var rebaseline = (await (await app.Admin.PostJson($"/api/v1/projects/{projectId}/rebaseline-requests", new
        {
            reason = "设计变更",
            changes = new[] { new { milestoneId, newBaselineDate = baseline.AddDays(60) } },
        })).Expect(HttpStatusCode.Created)).Str("id");
        await (await decider.PostJson($"/api/v1/rebaseline-requests/{rebaseline}/reject", new { comment = "理由不充分" })).Expect(HttpStatusCode.OK);
        app.AdvanceDays(1);
        var pending = await Ask(new { scope = "全长14.1公里，增设换乘通道" }, "增设换乘通道");
        app.AdvanceDays(3);
        var nextWeek = await Ask(new { targetYear = 2029 }, "再次调整");
        Assert.Equal(DayOfWeek.Monday, app.Today.DayOfWeek);
        return new Story(week, projectId, askedBefore, approved, rebaseline, pending, nextWeek);
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
}
