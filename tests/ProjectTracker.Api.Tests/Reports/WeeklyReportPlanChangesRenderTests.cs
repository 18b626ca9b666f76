using System.Text.Json;
using System.Text.Json.Nodes;
using MiniExcelLibs;
using ProjectTracker.Api.Features.Imports;
using ProjectTracker.Api.Features.PlanChanges;
using ProjectTracker.Api.Features.Reports;
using ProjectTracker.Api.Infrastructure;
using ProjectTracker.Domain.Projects;

namespace ProjectTracker.Api.Tests.Reports;

/// <summary>The week's plan changes and churn counted both ways, in the page, the mail, the CSV and the workbook: no database.</summary>
public sealed class WeeklyReportPlanChangesRenderTests
{
    private const string Reason = "线路向东延伸<至高铁站>";
    private const string DocumentRef = "洛发改〔2026〕88号";

    [Fact]
    public void The_page_lists_the_weeks_plan_changes_after_the_approved_rebaselines_with_what_they_change_in_chinese()
    {
        var page = Page(WithPlanChanges());

        var section = Between(page, "<h3>（五）本周规划调整</h3>", "<h2>三、未来14天到期节点</h2>");
        Assert.True(page.IndexOf("（四）本周批准基准调整", StringComparison.Ordinal) < page.IndexOf("（五）本周规划调整", StringComparison.Ordinal));
        Assert.Contains("<p>本周申报规划调整 2 项；作出决定 2 项，其中同意 1 项、不同意 1 项。</p>", section, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"col\">调整内容</th><th scope=\"col\">调整理由</th><th scope=\"col\">文号</th><th scope=\"col\">申报日期</th><th scope=\"col\">决定</th><th scope=\"col\">决定日期</th>", section, StringComparison.Ordinal);
        var rows = section.Split("<tr>")[2..];
        Assert.Equal(3, rows.Length);
        Assert.Contains("<td class=\"nowrap\">总投资、节点基准日期</td><td class=\"nowrap\">线路向东延伸&lt;至高铁站&gt;</td><td class=\"nowrap\">洛发改〔2026〕88号</td><td class=\"nowrap\">2026-11-23</td><td class=\"nowrap\">同意</td><td class=\"nowrap\">2026-11-26</td>", rows[0], StringComparison.Ordinal);
        Assert.Contains("<td class=\"nowrap\">节点基准日期</td>", rows[1], StringComparison.Ordinal);
        Assert.Contains("<td>—</td><td class=\"nowrap\">2026-11-10</td><td class=\"nowrap\">不同意</td>", rows[1], StringComparison.Ordinal);
        Assert.Contains("<td class=\"nowrap\">建设内容及规模</td>", rows[2], StringComparison.Ordinal);
        Assert.Contains("<td class=\"nowrap\">待审批</td><td class=\"nowrap\">—</td>", rows[2], StringComparison.Ordinal);
        Assert.DoesNotContain("<script", page, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_week_without_plan_changes_says_so_under_its_heading()
    {
        var page = Page(WeeklyReportRenderTests.Sample());

        Assert.Contains("<h3>（五）本周规划调整</h3>\n<p class=\"none\">本周无</p>", page, StringComparison.Ordinal);
    }

    [Fact]
    public void Churn_shows_in_absolute_days_beside_the_net_figure()
    {
        var report = WithPlanChanges();

        var page = Page(report);
        var district = ImportSheet.CsvRecords(WeeklyReportCsv.Render(report, WeeklyReportCsv.Table.District));
        var rebaselines = ImportSheet.CsvRecords(WeeklyReportCsv.Render(report, WeeklyReportCsv.Table.Rebaselines));

        Assert.Contains("累计批准基准调整 3 次，共调整 51 天（净值，提前抵减推迟）；按每次移动计，共 60 天。", page, StringComparison.Ordinal);
        Assert.Contains("基准共调整 21 天（这部分滞后不再显示在进度中），按每次移动计 29 天。", page, StringComparison.Ordinal);
        Assert.Equal(["调整次数", "调整天数", "调整天数(绝对值)"], district[0][^3..]);
        Assert.Equal(["2", "30", "39"], district[1][^3..]);
        Assert.Equal(["3", "51", "60"], district[^1][^3..]);
        Assert.Equal(["调整天数", "调整天数(绝对值)"], rebaselines[0][6..8]);
        Assert.Equal(["21", "29"], rebaselines[1][6..8]);
    }

    [Fact]
    public void A_report_frozen_before_plan_changes_were_counted_still_renders_with_the_net_figures()
    {
        var json = JsonNode.Parse(JsonSerializer.Serialize(WeeklyReportRenderTests.Sample(), Json.Options))!;
        Strip(json, "planChanges", "rebaselineDaysAbsolute", "daysMovedAbsolute");
        var frozen = JsonSerializer.Deserialize<WeeklyReport>(json.ToJsonString(), Json.Options)!;

        var page = Page(frozen);
        var district = ImportSheet.CsvRecords(WeeklyReportCsv.Render(frozen, WeeklyReportCsv.Table.District));

        Assert.Empty(frozen.Changes.PlanChanges);
        Assert.Contains("累计批准基准调整 3 次，共调整 51 天。", page, StringComparison.Ordinal);
        Assert.Contains("基准共调整 21 天（这部分滞后不再显示在进度中）。", page, StringComparison.Ordinal);
        Assert.DoesNotContain("按每次移动计", page, StringComparison.Ordinal);
        Assert.Equal(["2", "30", ""], district[1][^3..]);
        Assert.Single(ImportSheet.CsvRecords(WeeklyReportCsv.Render(frozen, WeeklyReportCsv.Table.PlanChanges)));
    }

    [Fact]
    public void The_plan_changes_csv_has_a_chinese_header_and_a_row_per_change_that_cannot_become_a_formula()
    {
        var rows = ImportSheet.CsvRecords(WeeklyReportCsv.Render(WithPlanChanges(), WeeklyReportCsv.Table.PlanChanges));

        Assert.Equal(["项目编号", "项目名称", "区县", "责任单位", "调整内容", "调整理由", "文号", "申报日期", "决定", "决定日期"], rows[0]);
        Assert.Equal(["总投资、节点基准日期", Reason, DocumentRef, "2026-11-23", "同意", "2026-11-26"], rows[1][4..]);
        Assert.Equal(["节点基准日期", "'=征迁滞后", "", "2026-11-10", "不同意", "2026-11-27"], rows[2][4..]);
        Assert.Equal(["建设内容及规模", "增加停车场", "", "2026-11-28", "待审批", ""], rows[3][4..]);
    }

    [Fact]
    public void The_workbook_has_the_plan_changes_sheet_with_dates_as_dates()
    {
        using var xlsx = new MemoryStream(WeeklyReportXlsx.Render(WithPlanChanges()));

        var changes = xlsx.Query(useHeaderRow: true, sheetName: "本周规划调整").Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(3, changes.Count);
        Assert.Equal(new DateTime(2026, 11, 26), Assert.IsType<DateTime>(changes[0]["决定日期"]));
        Assert.Equal(new object?[] { "同意", DocumentRef }, new[] { changes[0]["决定"], changes[0]["文号"] });
        Assert.Null(changes[2]["决定日期"]);

        xlsx.Position = 0;
        var overview = xlsx.Query(useHeaderRow: true, sheetName: "概览").Cast<IDictionary<string, object?>>()
            .ToDictionary(r => (string)r["项目"]!, r => r["值"]);
        Assert.Equal(
            new object?[] { 60.0, 29.0, 2.0, 1.0, 1.0 },
            new[] { overview["累计调整天数(绝对值)"], overview["本周批准调整天数(绝对值)"], overview["本周申报规划调整"], overview["本周同意规划调整"], overview["本周不同意规划调整"] });
    }

    [Fact]
    public void The_mail_carries_the_plan_changes_section_too()
    {
        var mail = WeeklyReportHtml.Render(WithPlanChanges(), WeeklyReportRenderTests.Charts(), WeeklyReportHtml.Target.Mail, null, null, null, null);

        Assert.Contains(">（五）本周规划调整</h3>", mail, StringComparison.Ordinal);
        Assert.Contains(DocumentRef, mail, StringComparison.Ordinal);
        Assert.True(mail.IndexOf("（五）本周规划调整", StringComparison.Ordinal) < mail.IndexOf("三、未来14天到期节点", StringComparison.Ordinal));
    }

    /// <summary>The render tests' sample, with three plan changes in the week, churn counted both ways and a week's moves net 21, absolute 29.</summary>
    private static WeeklyReport WithPlanChanges()
    {
        var sample = WeeklyReportRenderTests.Sample();
        var ring = sample.Changes.NewSlips[0].Project;
        var park = sample.Changes.CompletedMilestones[0].Project;
        PlanChangeCounts Counts(int absolute, int net) => new(1, 1, 1, absolute, net, 0m);
        return sample with
        {
            Headline = sample.Headline with { Totals = sample.Headline.Totals with { PlanChanges = Counts(60, 51) } },
            Changes = sample.Changes with
            {
                RebaselinesApproved = [sample.Changes.RebaselinesApproved[0] with { DaysMovedAbsolute = 29 }],
                RebaselineDaysAbsolute = 29,
                PlanChanges =
                [
                    new(ring, Guid.NewGuid(), PlanChangeKind.PlanChange, [ApprovedPlan.TotalInvestment, ApprovedPlan.Baselines], Reason, DocumentRef,
                        new(2026, 11, 23), true, PlanChangeStatus.Approved, new(2026, 11, 26)),
                    new(park, Guid.NewGuid(), PlanChangeKind.Rebaseline, [ApprovedPlan.Baselines], "=征迁滞后", null,
                        new(2026, 11, 10), false, PlanChangeStatus.Rejected, new(2026, 11, 27)),
                    new(park, Guid.NewGuid(), PlanChangeKind.PlanChange, [ApprovedPlan.Scope], "增加停车场", null,
                        new(2026, 11, 28), true, PlanChangeStatus.Pending, null),
                ],
            },
            ByDistrict = [sample.ByDistrict[0] with { PlanChanges = Counts(39, 30) }, sample.ByDistrict[1] with { PlanChanges = Counts(21, 21) }],
        };
    }

    private static string Page(WeeklyReport report) =>
        WeeklyReportHtml.Render(report, WeeklyReportRenderTests.Charts(), WeeklyReportHtml.Target.Page, null, null, null, null);

    private static string Between(string text, string from, string to)
    {
        var start = text.IndexOf(from, StringComparison.Ordinal);
        var end = text.IndexOf(to, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, $"'{from}' comes before '{to}'");
        return text[start..end];
    }

    internal static void Strip(JsonNode? node, params string[] names)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var name in names)
                {
                    o.Remove(name);
                }

                foreach (var (_, value) in o.ToList())
                {
                    Strip(value, names);
                }

                break;
            case JsonArray a:
                foreach (var item in a)
                {
                    Strip(item, names);
                }

                break;
        }
    }
}
