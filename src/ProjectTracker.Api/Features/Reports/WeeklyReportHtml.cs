using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ProjectTracker.Api.Features.Portfolio;
using ProjectTracker.Domain.Portfolio;
using static System.Net.WebUtility;

namespace ProjectTracker.Api.Features.Reports;

/// <summary>
/// The weekly report as one zh-CN HTML document: the page (an embedded style sheet, charts as inline SVG, no script,
/// nothing fetched) or the mail body (inline styles only, charts as <c>cid:</c> images of the attached PNGs).</summary>
public static partial class WeeklyReportHtml
{
    public enum Target
    {
        Page,
        Mail,
    }

    /// <param name="previousWeekUrl">/nextWeekUrl: links for the page (null = no link); ignored for mail.</param>
    /// <param name="jsonUrl">/xlsxUrl: download links; in mail only absolute http(s) ones are shown, a relative link leads nowhere there.</param>
    /// <param name="projectLink">Each project's page (<see cref="Pages.ProjectLinks"/>), its name linked to it; null links none. In mail only absolute http(s) ones.</param>
    public static string Render(
        WeeklyReport report,
        IReadOnlyList<ReportChart> charts,
        Target target,
        string? previousWeekUrl,
        string? nextWeekUrl,
        string? jsonUrl,
        string? xlsxUrl,
        Func<Guid, string>? projectLink = null) =>
        Build(report, charts, target, previousWeekUrl, nextWeekUrl, jsonUrl, xlsxUrl, projectLink).ToString();

    /// <summary>The same document in the pieces it was built in: the page is written out from them, never made one string of megabytes.</summary>
    public static StringBuilder Build(
        WeeklyReport report,
        IReadOnlyList<ReportChart> charts,
        Target target,
        string? previousWeekUrl,
        string? nextWeekUrl,
        string? jsonUrl,
        string? xlsxUrl,
        Func<Guid, string>? projectLink = null)
    {
        var writer = new Writer(report, charts, target, projectLink);
        writer.Document(previousWeekUrl, nextWeekUrl, jsonUrl, xlsxUrl);
        return writer.Text;
    }

    private const string FontStack = "system-ui, -apple-system, \"Segoe UI\", \"Noto Sans CJK SC\", \"Microsoft YaHei\", sans-serif";

    private const string PageStyle = $$"""
        body { margin: 0; font-family: {{FontStack}}; color: #1f2933; background: #fff; line-height: 1.6; }
        main { max-width: 1080px; margin: 0 auto; padding: 16px; }
        h1 { font-size: 1.6rem; margin: 0.5rem 0 0.25rem; }
        h2 { font-size: 1.25rem; margin: 2rem 0 0.75rem; padding-bottom: 0.25rem; border-bottom: 2px solid #1f4e79; color: #1f4e79; }
        h3 { font-size: 1.05rem; margin: 1.25rem 0 0.5rem; }
        .period { color: #52606d; margin: 0; }
        .provisional { margin: 1rem 0; padding: 0.75rem 1rem; border-left: 4px solid #f9a825; background: #fff8e1; font-weight: 600; }
        .none { color: #52606d; }
        .table-wrap { overflow-x: auto; margin: 0.5rem 0 1rem; }
        table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
        th, td { border: 1px solid #d0d7de; padding: 4px 8px; text-align: left; vertical-align: top; }
        thead th { background: #eef2f6; white-space: nowrap; }
        thead th.wrap { white-space: normal; min-width: 3em; }
        td.note { min-width: 9em; }
        .rule { color: #3e4c59; font-size: 0.9rem; }
        td.nowrap { white-space: nowrap; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        tfoot td, tfoot th { font-weight: 600; background: #f7f9fb; }
        .light { display: inline-block; padding: 0 6px; border-radius: 3px; font-size: 0.85em; font-weight: 600; white-space: nowrap; }
        .light-red { background: #c62828; color: #fff; }
        .light-amber { background: #f9a825; color: #1f2933; }
        .light-green { background: #2e7d32; color: #fff; }
        .charts { display: flex; flex-wrap: wrap; gap: 16px; }
        figure.chart { margin: 0.5rem 0 1rem; flex: 1 1 420px; max-width: 100%; }
        figure.chart svg { display: block; max-width: 100%; height: auto; }
        figcaption { color: #52606d; font-size: 0.9rem; text-align: center; }
        .red-project { border: 1px solid #f3c6c6; border-left: 4px solid #c62828; padding: 0.5rem 1rem; margin: 1rem 0; }
        .meta { color: #3e4c59; }
        footer { margin-top: 2rem; padding-top: 1rem; border-top: 1px solid #d0d7de; color: #52606d; font-size: 0.9rem; }
        footer a { margin-right: 1rem; }
        @media (max-width: 600px) { main { padding: 8px; } h1 { font-size: 1.3rem; } table { font-size: 0.8rem; } }
        @media print {
          main { max-width: none; padding: 0; }
          footer nav { display: none; }
          .table-wrap { overflow: visible; }
          h2, h3 { break-after: avoid; }
          figure.chart, tr, .red-project { break-inside: avoid; }
          .light, thead th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        }
        """;

    /// <summary>Inline styles for mail, where style sheets are dropped or mangled by many clients.</summary>
    private static class MailCss
    {
        public const string Body = $"margin:0;padding:0;background:#ffffff;font-family:{FontStack};color:#1f2933;line-height:1.6";
        public const string Wrapper = "max-width:760px;margin:0 auto;padding:16px";
        public const string H1 = "font-size:22px;margin:8px 0 4px";
        public const string H2 = "font-size:18px;margin:28px 0 10px;padding-bottom:4px;border-bottom:2px solid #1f4e79;color:#1f4e79";
        public const string H3 = "font-size:15px;margin:18px 0 6px";
        public const string Muted = "color:#52606d;margin:0";
        public const string Provisional = "margin:14px 0;padding:10px 14px;border-left:4px solid #f9a825;background:#fff8e1;font-weight:600";
        public const string Table = "border-collapse:collapse;width:100%;font-size:13px;margin:6px 0 14px";
        public const string Th = "border:1px solid #d0d7de;padding:4px 6px;background:#eef2f6;text-align:left;white-space:nowrap";
        public const string ThNum = Th + ";text-align:right";
        public const string ThWrap = "border:1px solid #d0d7de;padding:4px 6px;background:#eef2f6;text-align:left";
        public const string ThNumWrap = ThWrap + ";text-align:right";
        public const string Rule = "color:#3e4c59;font-size:13px";
        public const string Td = "border:1px solid #d0d7de;padding:4px 6px;text-align:left;vertical-align:top";
        public const string TdNowrap = Td + ";white-space:nowrap";
        public const string TdNum = "border:1px solid #d0d7de;padding:4px 6px;text-align:right;white-space:nowrap";
        public const string Total = "font-weight:600;background:#f7f9fb";
        public const string Figure = "margin:10px 0 16px";
        public const string Img = "display:block;max-width:100%;height:auto;border:0";
        public const string Caption = "color:#52606d;font-size:13px;text-align:center";
        public const string RedProject = "border:1px solid #f3c6c6;border-left:4px solid #c62828;padding:6px 12px;margin:12px 0";
        public const string Footer = "margin-top:24px;padding-top:10px;border-top:1px solid #d0d7de;color:#52606d;font-size:13px";

        public static string Light(Rag rag) => "display:inline-block;padding:0 6px;border-radius:3px;font-weight:600;" + rag switch
        {
            Rag.Red => "background:#c62828;color:#ffffff",
            Rag.Amber => "background:#f9a825;color:#1f2933",
            _ => "background:#2e7d32;color:#ffffff",
        };
    }

    private sealed class Writer(WeeklyReport report, IReadOnlyList<ReportChart> charts, Target target, Func<Guid, string>? projectLink)
    {
        private readonly StringBuilder html = new();

        private bool IsMail => target == Target.Mail;

        public StringBuilder Text => html;

        public void Document(string? previousWeekUrl, string? nextWeekUrl, string? jsonUrl, string? xlsxUrl)
        {
            html.Append("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n")
                .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .Append("<title>").Append(Text($"重点项目周报 {report.Week}（{Iso(report.WeekStart)}—{Iso(report.WeekEnd)}）")).Append("</title>\n");
            if (!IsMail)
            {
                // No icon of its own: without this the browser asks for /favicon.ico, which is not there.
                html.Append("<link rel=\"icon\" href=\"data:,\">\n");
                html.Append("<style>\n").Append(PageStyle).Append("</style>\n");
            }

            html.Append("</head>\n<body").Append(Style(MailCss.Body)).Append(">\n<main").Append(Style(MailCss.Wrapper)).Append(">\n");
            Header();
            Overview();
            Changes();
            MilestoneSection("三、未来14天到期节点", WeeklyReportCsv.Table.Due, "未来14天无到期节点");
            MilestoneSection("四、已逾期节点", WeeklyReportCsv.Table.Overdue, "无逾期节点");
            RedProjects();
            H2("六、报送滞后（按责任单位）");
            TableOrNone(WeeklyReportTables.Of(report, WeeklyReportCsv.Table.Stale), "无报送滞后单位");
            H2("七、分区县情况");
            TableOrNone(WeeklyReportTables.Of(report, WeeklyReportCsv.Table.District), "无", totalsLast: true);
            H2("八、分类别情况");
            TableOrNone(WeeklyReportTables.Of(report, WeeklyReportCsv.Table.Category), "无", totalsLast: true);
            Rankings();
            Completions();
            Groupings();
            Feedback();
            Footer(previousWeekUrl, nextWeekUrl, jsonUrl, xlsxUrl);
            html.Append("</main>\n</body>\n</html>\n");
        }

        // Clusters, sectors and systems are short lists worth reading; programmes and units are in the workbook.
        private void Groupings()
        {
            if (report.Groupings is null)
            {
                return;
            }

            H2("十一、分组团、板块、体系情况");
            foreach (var (title, table) in new[] { ("组团", WeeklyReportCsv.Table.Cluster), ("板块", WeeklyReportCsv.Table.Sector), ("体系", WeeklyReportCsv.Table.System) })
            {
                H3(title);
                TableOrNone(WeeklyReportTables.Of(report, table), "无", totalsLast: true);
            }
        }

        // Absent from a report frozen before the public's messages were counted.
        private void Feedback()
        {
            if (report.Feedback is not { } feedback)
            {
                return;
            }

            H2("十二、公众留言（汇聚民意）");
            var total = feedback.Total;
            html.Append("<p>本周收到公众留言 <strong>").Append(Count(total.Received)).Append("</strong> 条，公开 ").Append(Count(total.Published))
                .Append(" 条，责任单位答复 ").Append(Count(total.Answered)).Append(" 条；截至统计时点，待审核 ").Append(Count(total.AwaitingReview))
                .Append(" 条，已公开待答复 <strong>").Append(Count(total.AwaitingReply)).Append("</strong> 条。</p>\n");
            TableOrNone(WeeklyReportTables.Of(report, WeeklyReportCsv.Table.Feedback), "本周无公众留言", totalsLast: true);
        }

        private void Header()
        {
            html.Append("<header>\n<h1").Append(Style(MailCss.H1)).Append('>').Append(Text($"重点项目周报 {report.Week}")).Append("</h1>\n")
                .Append("<p class=\"period\"").Append(Style(MailCss.Muted)).Append(">统计期 ")
                .Append(Text($"{Iso(report.WeekStart)}—{Iso(report.WeekEnd)}")).Append("，截至 ")
                .Append(Text(WeeklyReportTables.AsOfText(report))).Append("（北京时间）</p>\n");
            if (report.Provisional)
            {
                html.Append("<p class=\"provisional\" role=\"note\"").Append(Style(MailCss.Provisional))
                    .Append(">本周尚未结束，数据为临时数据，将随新报送变化</p>\n");
            }

            if (report.Filter is { } filter)
            {
                html.Append("<p class=\"filter\" role=\"note\"").Append(Style(MailCss.Muted)).Append(">范围 ").Append(Text(filter.Description)).Append("</p>\n");
            }

            html.Append("</header>\n");
        }

        private void Overview()
        {
            var headline = report.Headline;
            var totals = headline.Totals;
            H2("一、总体情况");
            html.Append("<p>纳入监测项目 <strong>").Append(totals.Projects.ToString(CultureInfo.InvariantCulture)).Append("</strong> 个：")
                .Append(Light(Rag.Red)).Append(' ').Append(Count(totals.Rag.Red)).Append(" 个，")
                .Append(Light(Rag.Amber)).Append(' ').Append(Count(totals.Rag.Amber)).Append(" 个，")
                .Append(Light(Rag.Green)).Append(' ').Append(Count(totals.Rag.Green)).Append(" 个。</p>\n");

            H3("四率");
            var rates = totals.Rates;
            Table(
                [new("开工率", ColumnKind.Percent), new("投资完成率", ColumnKind.Percent), new("资金到位率", ColumnKind.Percent), new("按期竣工率", ColumnKind.Percent)],
                [[rates.StartRate, rates.InvestmentCompletionRate, rates.FundsInPlaceRate, rates.OnTimeCompletionRate]],
                totalsLast: false,
                cellSuffix: "%");
            // Null in a report frozen before SPI(t) was counted.
            if (totals.SpiT is { } spiT)
            {
                html.Append("<p>进度绩效指数 SPI(t)（按关键节点计，1 为按计划，低于 1 为滞后）：");
                html.Append(spiT.Median is { } median
                    ? $"在建项目中位数 <strong>{Ratio(median)}</strong>（{Count(spiT.Projects)} 个项目）"
                    : "暂无可计算的在建项目");
                html.Append("。</p>\n");
            }

            // Null in a report frozen before issues were counted.
            if (report.Issues is { } issues)
            {
                html.Append("<p>督办问题 <strong>").Append(Count(issues.Raised)).Append("</strong> 个：未办结 ").Append(Count(issues.Open))
                    .Append(" 个，其中逾期 <strong>").Append(Count(issues.Overdue)).Append("</strong> 个；问题按期办结率 ")
                    .Append(Text(Percent(issues.OnTimeRate))).Append("。</p>\n");
            }

            H3("投资完成情况");
            html.Append("<p>本年完成投资 <strong>").Append(Text(Money(totals.InvestmentThisYear))).Append(" 万元</strong>，本年计划投资 ")
                .Append(Text(Money(totals.AnnualPlan))).Append(" 万元，完成 ")
                .Append(Text(Percent(headline.InvestmentPercent))).Append("；序时进度 ")
                .Append(Text(Percent(headline.ProRataPercent)));
            if (headline.InvestmentPercent is { } done)
            {
                var gap = done - headline.ProRataPercent;
                html.Append("，").Append(Text(gap switch
                {
                    < 0 => $"慢于序时进度 {Points(-gap)} 个百分点",
                    > 0 => $"快于序时进度 {Points(gap)} 个百分点",
                    _ => "与序时进度持平",
                }));
            }

            html.Append("。</p>\n<p>总投资 ").Append(Text(Money(totals.TotalInvestment))).Append(" 万元，累计完成投资 ")
                .Append(Text(Money(totals.InvestmentToDate))).Append(" 万元。</p>\n")
                .Append("<p>累计批准基准调整 ").Append(Count(totals.Churn.Rebaselines)).Append(" 次，共调整 ")
                .Append(Count(totals.Churn.DaysMoved)).Append(" 天");
            if (totals.PlanChanges?.DaysMovedAbsolute is { } absolute)
            {
                html.Append("（净值，提前抵减推迟）；按每次移动计，共 ").Append(Count(absolute)).Append(" 天");
            }

            html.Append("。</p>\n");

            var districtCharts = new[] { "rag-by-district", "pace-by-district" }
                .Select(id => charts.FirstOrDefault(c => c.Id == id))
                .OfType<ReportChart>()
                .ToList();
            if (districtCharts.Count > 0)
            {
                html.Append("<div class=\"charts\">\n");
                districtCharts.ForEach(Chart);
                html.Append("</div>\n");
            }
        }

        private void Changes()
        {
            var changes = report.Changes;
            H2("二、本周变化");
            H3("（一）新增滞后节点");
            TableOrNone(WeeklyReportTables.Of(report, WeeklyReportCsv.Table.NewSlips), "本周无");
            H3("（二）恢复正常节点");
            TableOrNone(WeeklyReportTables.Of(report, WeeklyReportCsv.Table.Recoveries), "本周无");
            H3("（三）本周完成节点");
            TableOrNone(WeeklyReportTables.Of(report, WeeklyReportCsv.Table.Completed), "本周无");
            H3("（四）本周批准基准调整");
            if (changes.RebaselinesApproved.Count > 0)
            {
                html.Append("<p>本周批准调整 ").Append(Count(changes.RebaselinesApproved.Count)).Append(" 项，基准共调整 ")
                    .Append(Count(changes.RebaselineDaysAbsorbed)).Append(" 天（这部分滞后不再显示在进度中）");
                if (changes.RebaselineDaysAbsolute is { } absolute)
                {
                    html.Append("，按每次移动计 ").Append(Count(absolute)).Append(" 天");
                }

                html.Append("。</p>\n");
            }

            TableOrNone(WeeklyReportTables.Of(report, WeeklyReportCsv.Table.Rebaselines), "本周无");
            H3("（五）本周规划调整");
            if (changes.PlanChanges.Count > 0)
            {
                var tally = PlanChangeTally.Of(changes);
                html.Append("<p>本周申报规划调整 ").Append(Count(tally.Asked)).Append(" 项；作出决定 ")
                    .Append(Count(tally.Approved + tally.Rejected)).Append(" 项，其中同意 ").Append(Count(tally.Approved))
                    .Append(" 项、不同意 ").Append(Count(tally.Rejected)).Append(" 项。</p>\n");
            }

            TableOrNone(WeeklyReportTables.Of(report, WeeklyReportCsv.Table.PlanChanges), "本周无");
        }

        // Absent from a report frozen before rankings and commitments were counted.
        private void Rankings()
        {
            if (report.Rankings is not { } rankings)
            {
                return;
            }

            H2("九、排名通报");
            html.Append("<p class=\"rule\"").Append(Style(MailCss.Rule)).Append(">排名规则：").Append(Text(rankings.Rule)).Append("</p>\n")
                .Append("<p class=\"rule\"").Append(Style(MailCss.Rule)).Append(">上周名次为上周周报（截至 ")
                .Append(Iso(rankings.LastWeekAssessedOn)).Append(" 24:00）的名次；“↑”为名次上升，“↓”为名次下降。</p>\n");
            H3("（一）按区县");
            RankingTable(WeeklyReportCsv.Table.RankingsDistrict);
            H3("（二）按责任单位");
            RankingTable(WeeklyReportCsv.Table.RankingsUnit);
        }

        private void RankingTable(WeeklyReportCsv.Table table)
        {
            var data = WeeklyReportTables.Of(report, table);
            if (data.Rows.Count == 0)
            {
                None("无");
                return;
            }

            var shown = Enumerable.Range(0, data.Columns.Count).Where(c => !WeeklyReportTables.RankingColumnsNotOnPage.Contains(data.Columns[c].Name)).ToList();
            Table([.. shown.Select(c => data.Columns[c])], [.. data.Rows.Select(row => shown.Select(c => row[c]).ToArray())], totalsLast: false, wrapHeaders: true);
        }

        private void Completions()
        {
            if (report.Completions is not { } completions)
            {
                return;
            }

            H2("十、年度建成项目");
            Commitments("（一）", completions.ThisYear, WeeklyReportCsv.Table.CompletionsThisYear);
            Commitments("（二）", completions.NextYear, WeeklyReportCsv.Table.CompletionsNextYear);
        }

        private void Commitments(string number, GetCompletions.Response year, WeeklyReportCsv.Table table)
        {
            H3($"{number}{year.Year} 年建成项目");
            var counts = year.Counts;
            if (counts.Total > 0)
            {
                html.Append("<p>计划 ").Append(Count(year.Year)).Append(" 年建成 <strong>").Append(Count(counts.Total)).Append("</strong> 个：已建成 ")
                    .Append(Count(counts.Done)).Append(" 个，按期推进 ").Append(Count(counts.OnTrack)).Append(" 个，存在风险 ")
                    .Append(Count(counts.AtRisk)).Append(" 个，延期 ").Append(Count(counts.Late)).Append(" 个。</p>\n");
            }

            TableOrNone(WeeklyReportTables.Of(report, table), $"无计划 {year.Year} 年建成的项目");
        }

        private void MilestoneSection(string heading, WeeklyReportCsv.Table table, string none)
        {
            H2(heading);
            TableOrNone(WeeklyReportTables.Of(report, table), none);
        }

        private void RedProjects()
        {
            H2("五、红灯项目");
            if (report.RedProjects.Count == 0)
            {
                None("本周无红灯项目");
                return;
            }

            var (trends, chains) = (0, 0);
            foreach (var red in report.RedProjects)
            {
                var project = red.Project;
                html.Append("<section class=\"red-project\"").Append(Style(MailCss.RedProject)).Append(">\n<h3").Append(Style(MailCss.H3)).Append('>')
                    .Append(Light(Rag.Red)).Append(' ').Append(ProjectName(project.Id, project.Name)).Append("</h3>\n")
                    .Append("<p class=\"meta\">项目编号：").Append(Text(project.Code))
                    .Append("　区县：").Append(Text(project.DistrictName))
                    .Append("　责任单位：").Append(Text(project.ResponsibleUnit))
                    .Append("　牵头领导：").Append(Text(red.LeadOfficial ?? "—"))
                    .Append("　SPI(t)：").Append(red.EarnedSchedule is { } earned ? $"{Ratio(earned.SpiT)}（挣得日期 {Iso(earned.EarnedDate)}）" : "—").Append("</p>\n");
                if (red.Reasons.Count > 0)
                {
                    html.Append("<p>红灯原因：</p>\n<ul>\n");
                    foreach (var reason in red.Reasons)
                    {
                        html.Append("<li>").Append(Text(reason)).Append("</li>\n");
                    }

                    html.Append("</ul>\n");
                }

                // trend-N is the N-th red project with a trend (one with points: an empty one is not drawn), counted from 1.
                if (red.Trend is { Points.Count: > 0 })
                {
                    var id = $"trend-{++trends}";
                    if (charts.FirstOrDefault(c => c.Id == id) is { } chart)
                    {
                        Chart(chart);
                    }
                }

                // chain-N likewise: the N-th red project whose critical chain has a milestone.
                if (red.CriticalChain is { Milestones.Count: > 0 })
                {
                    var id = $"chain-{++chains}";
                    if (charts.FirstOrDefault(c => c.Id == id) is { } chart)
                    {
                        Chart(chart);
                    }
                }

                html.Append("</section>\n");
            }
        }

        private void Footer(string? previousWeekUrl, string? nextWeekUrl, string? jsonUrl, string? xlsxUrl)
        {
            var links = IsMail
                ? new List<(string Label, string? Url)> { ("JSON 数据", AbsoluteOnly(jsonUrl)), ("Excel 下载", AbsoluteOnly(xlsxUrl)) }
                : [("上一周", previousWeekUrl), ("下一周", nextWeekUrl), ("JSON 数据", jsonUrl), ("Excel 下载", xlsxUrl)];
            html.Append("<footer").Append(Style(MailCss.Footer)).Append(">\n");
            var safe = links.Where(l => IsSafeUrl(l.Url)).ToList();
            if (safe.Count > 0)
            {
                html.Append("<nav>");
                foreach (var (label, url) in safe)
                {
                    html.Append("<a href=\"").Append(HtmlEncode(url)).Append("\"").Append(Style("margin-right:16px")).Append('>').Append(Text(label)).Append("</a>");
                }

                html.Append("</nav>\n");
            }

            html.Append("<p").Append(Style(MailCss.Muted)).Append(">生成于 ")
                .Append(Text(TimeZoneInfo.ConvertTime(report.GeneratedAt, Domain.Schedule.ShanghaiCalendar.Zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)))
                .Append("（北京时间）。金额单位：万元。</p>\n</footer>\n");
        }

        private void Chart(ReportChart chart)
        {
            html.Append("<figure class=\"chart\" data-chart=\"").Append(HtmlEncode(chart.Id)).Append('"').Append(Style(MailCss.Figure)).Append(">\n");
            if (IsMail)
            {
                html.Append("<img src=\"cid:").Append(HtmlEncode(chart.Id)).Append("\" alt=\"").Append(HtmlEncode(chart.Title))
                    .Append("\" width=\"").Append(MailWidth(chart.Png).ToString(CultureInfo.InvariantCulture)).Append("\" style=\"").Append(MailCss.Img).Append("\">\n");
            }
            else
            {
                html.Append(InlineSvg(chart)).Append('\n');
            }

            html.Append("<figcaption").Append(Style(MailCss.Caption)).Append('>').Append(Text(chart.Title)).Append("</figcaption>\n</figure>\n");
        }

        private void TableOrNone(ReportTable table, string none, bool totalsLast = false)
        {
            if (table.Rows.Count == 0)
            {
                None(none);
                return;
            }

            Table(table.Columns, table.Rows, totalsLast, projects: table.Projects);
        }

        /// <param name="wrapHeaders">Lets long headers wrap, so a table of many narrow figures fits the page.</param>
        /// <param name="projects">Each row's project, whose name is linked to its page.</param>
        private void Table(
            IReadOnlyList<ReportColumn> columns, IReadOnlyList<object?[]> rows, bool totalsLast, string cellSuffix = "", bool wrapHeaders = false, IReadOnlyList<Guid>? projects = null)
        {
            html.Append(IsMail ? "<div>" : "<div class=\"table-wrap\">").Append("<table").Append(Style(MailCss.Table)).Append(">\n<thead><tr>");
            foreach (var column in columns)
            {
                var numeric = IsNumeric(column.Kind);
                var attributes = wrapHeaders
                    ? Class(numeric ? "num wrap" : "wrap") + Style(numeric ? MailCss.ThNumWrap : MailCss.ThWrap)
                    : numeric ? Class("num") + Style(MailCss.ThNum) : Style(MailCss.Th);
                html.Append("<th scope=\"col\"").Append(attributes).Append('>').Append(Text(column.Name)).Append("</th>");
            }

            html.Append("</tr></thead>\n<tbody>\n");
            for (var i = 0; i < rows.Count; i++)
            {
                var isTotals = totalsLast && i == rows.Count - 1;
                if (isTotals)
                {
                    html.Append("</tbody>\n<tfoot>\n");
                }

                html.Append("<tr").Append(isTotals ? Class("totals") + Style(MailCss.Total) : "").Append('>');
                for (var c = 0; c < columns.Count; c++)
                {
                    var kind = columns[c].Kind;
                    var content = projects is not null && c == WeeklyReportTables.ProjectNameColumn && rows[i][c] is string name
                        ? ProjectName(projects[i], name)
                        : CellHtml(rows[i][c], kind);
                    if (cellSuffix.Length > 0 && rows[i][c] is not null)
                    {
                        content += Text(cellSuffix);
                    }

                    html.Append("<td").Append(CellAttributes(rows[i][c], kind)).Append('>').Append(content).Append("</td>");
                }

                html.Append("</tr>\n");
            }

            html.Append(totalsLast ? "</tfoot>\n" : "</tbody>\n").Append("</table></div>\n");
        }

        /// <summary>
        /// On the page figures, dates, codes and short names never break across lines: a wide table scrolls instead. A mail
        /// pane cannot scroll a table, so there only figures and dates are kept whole.</summary>
        private string CellAttributes(object? value, ColumnKind kind)
        {
            if (IsNumeric(kind))
            {
                return Class("num") + Style(MailCss.TdNum);
            }

            if (kind == ColumnKind.Note)
            {
                return Class("note") + Style(MailCss.Td);
            }

            var keepWhole = IsMail
                ? kind is ColumnKind.Date or ColumnKind.Light
                : kind is not ColumnKind.Text || value is string { Length: <= ShortText };
            return keepWhole ? Class("nowrap") + Style(MailCss.TdNowrap) : Style(MailCss.Td);
        }

        private string CellHtml(object? value, ColumnKind kind) => value switch
        {
            null => "—",
            Rag rag => Light(rag),
            bool yes => yes ? "是" : "否",
            DateOnly date => Iso(date),
            int number => Count(number),
            decimal number when kind == ColumnKind.Percent => Text(Points(number)),
            decimal number when kind == ColumnKind.Ratio => Text(Ratio(number)),
            decimal number => Text(Money(number)),
            _ => Text(Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""),
        };

        /// <summary>The project's name, linked to its page when there is a link fit for the target.</summary>
        private string ProjectName(Guid id, string name)
        {
            var url = projectLink?.Invoke(id);
            return IsSafeUrl(url) && (!IsMail || AbsoluteOnly(url) is not null)
                ? $"<a href=\"{HtmlEncode(url)}\">{Text(name)}</a>"
                : Text(name);
        }

        private string Light(Rag rag)
        {
            var name = rag.ChineseName();
            return IsMail
                ? $"<span class=\"light\" style=\"{MailCss.Light(rag)}\">{name}</span>"
                : $"<span class=\"light light-{rag.ToString().ToLowerInvariant()}\">{name}</span>";
        }

        private void H2(string text) => html.Append("<h2").Append(Style(MailCss.H2)).Append('>').Append(Text(text)).Append("</h2>\n");

        private void H3(string text) => html.Append("<h3").Append(Style(MailCss.H3)).Append('>').Append(Text(text)).Append("</h3>\n");

        private void None(string text) => html.Append("<p class=\"none\"").Append(Style(MailCss.Muted)).Append('>').Append(Text(text)).Append("</p>\n");

        /// <summary>An inline style, in mail only: the page styles by class.</summary>
        private string Style(string css) => IsMail ? $" style=\"{css}\"" : "";

        private static string Class(string name) => $" class=\"{name}\"";

        private static string? AbsoluteOnly(string? url) => url is not null && url.StartsWith('/') ? null : url;
    }

    /// <summary>Up to a project code's 24 characters: text this short reads badly when wrapped.</summary>
    private const int ShortText = 24;

    private static bool IsNumeric(ColumnKind kind) => kind is ColumnKind.Count or ColumnKind.Money or ColumnKind.Percent or ColumnKind.Ratio;

    private static string Text(string value) => HtmlEncode(value);

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>万元 with thousands separators and at most one decimal: 12,345.6.</summary>
    private static string Money(decimal value) => value.ToString("#,##0.#", CultureInfo.InvariantCulture);

    private static string Points(decimal value) => value.ToString("0.0", CultureInfo.InvariantCulture);

    private static string Ratio(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Percent(decimal? value) => value is { } v ? Points(v) + "%" : "—";

    /// <summary>Only site-relative paths and http(s) URLs become links: no <c>javascript:</c>, no protocol-relative hosts.</summary>
    private static bool IsSafeUrl(string? url) =>
        !string.IsNullOrWhiteSpace(url)
        && ((url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal))
            || (Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)));

    /// <summary>
    /// The chart's SVG made fit to sit inline beside others: any XML prolog dropped, ids prefixed with the chart id (ScottPlot
    /// numbers its clip paths per drawing, so two charts would otherwise share <c>cl_4</c> and clip each other), and a viewBox
    /// added when missing so the chart scales down on a phone instead of being cropped.</summary>
    private static string InlineSvg(ReportChart chart)
    {
        var start = chart.Svg.IndexOf("<svg", StringComparison.Ordinal);
        if (start < 0)
        {
            return "";
        }

        var prefix = chart.Id + "-";
        var svg = chart.Svg[start..].Trim();
        svg = IdAttribute().Replace(svg, m => $"{m.Groups[1].Value}=\"{prefix}{m.Groups[2].Value}\"");
        svg = UrlReference().Replace(svg, m => $"url(#{prefix}{m.Groups[1].Value})");
        svg = HrefReference().Replace(svg, m => $"{m.Groups[1].Value}=\"#{prefix}{m.Groups[2].Value}\"");
        var root = RootTag().Match(svg);
        if (root.Success && !root.Value.Contains("viewBox", StringComparison.Ordinal)
            && SizeAttribute("width").Match(root.Value) is { Success: true } width
            && SizeAttribute("height").Match(root.Value) is { Success: true } height)
        {
            svg = svg.Insert(4, $" viewBox=\"0 0 {width.Groups[1].Value} {height.Groups[1].Value}\"");
        }

        return svg;
    }

    private static Regex SizeAttribute(string name) => name == "width" ? WidthAttribute() : HeightAttribute();

    /// <summary>The PNG's own width (from its IHDR chunk), at most 640 px, so the image neither blurs nor overflows a mail pane.</summary>
    private static int MailWidth(byte[] png)
    {
        const int fallback = 640;
        ReadOnlySpan<byte> signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        if (png.Length < 24 || !png.AsSpan(0, 8).SequenceEqual(signature))
        {
            return fallback;
        }

        var width = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4));
        return width is > 0 and < fallback ? width : fallback;
    }

    [GeneratedRegex("(?<=\\s)(id)=\"([^\"]+)\"")]
    private static partial Regex IdAttribute();

    [GeneratedRegex("url\\(#([^)]+)\\)")]
    private static partial Regex UrlReference();

    [GeneratedRegex("(?<=\\s)((?:xlink:)?href)=\"#([^\"]+)\"")]
    private static partial Regex HrefReference();

    [GeneratedRegex("^<svg\\b[^>]*>")]
    private static partial Regex RootTag();

    [GeneratedRegex("\\swidth=\"([0-9]+(?:\\.[0-9]+)?)(?:px)?\"")]
    private static partial Regex WidthAttribute();

    [GeneratedRegex("\\sheight=\"([0-9]+(?:\\.[0-9]+)?)(?:px)?\"")]
    private static partial Regex HeightAttribute();
}
