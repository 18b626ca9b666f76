using System.Net;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using MimeKit;
using ProjectTracker.Api.Features.Reports;
using ProjectTracker.Api.Tests.Alerts;
using ProjectTracker.Api.Tests.Support;
using SkiaSharp;

namespace ProjectTracker.Api.Tests.Reports;

/// <summary>
/// A red project held up by a late milestone in another project: the weekly report draws its critical chain (SVG on
/// the page, PNG in the mail) and shows its SPI(t) and its district's median.</summary>
public sealed partial class WeeklyReportCriticalChainTests(AlertsApp app) : IClassFixture<AlertsApp>
{
    [Fact]
    public async Task The_page_draws_the_red_projects_critical_chain_and_shows_spi_t()
    {
        var week = await AWeekWithAKnockOn();

        var report = await (await app.Admin.GetAsync($"/api/v1/reports/weekly/{week.Week}")).Expect(HttpStatusCode.OK);
        var html = await (await app.Admin.GetAsync($"/api/v1/reports/weekly/{week.Week}?format=html")).EnsureSuccessStatusCode().Content.ReadAsStringAsync();

        var red = report.GetProperty("redProjects").EnumerateArray().Single(r => r.GetProperty("project").Str("id") == week.StationId);
        Assert.Equal(0.45m, red.GetProperty("earnedSchedule").GetProperty("spiT").GetDecimal());
        var chain = red.GetProperty("criticalChain");
        Assert.Equal(week.Monday.AddDays(100).Iso(), chain.Str("targetDate"));
        Assert.Equal(0, chain.GetProperty("leftOut").GetInt32());
        var milestones = chain.GetProperty("milestones").EnumerateArray().ToList();
        Assert.Equal(["立项批复", "用地预审", "施工许可", "主体完工", "竣工验收"], milestones.Select(m => m.Str("name")));
        var permit = milestones[2];
        Assert.Equal(
            (week.Monday.AddDays(65).Iso(), "征地拆迁", -25, true),
            (permit.Str("expectedDate"), permit.Str("drivenBy"), permit.GetProperty("totalFloatDays").GetInt32(), permit.GetProperty("isCritical").GetBoolean()));
        var district = report.GetProperty("byDistrict").EnumerateArray().Single(r => r.Str("key") == week.District).GetProperty("spiT");
        // The land project has earned nothing since its only key baseline (0.00), the station 0.45: the median is 0.225.
        Assert.Equal((0.23m, 2), (district.GetProperty("median").GetDecimal(), district.GetProperty("projects").GetInt32()));

        var section = SectionOf(html, week.StationName);
        Assert.Contains($"SPI(t)：0.45（挣得日期 {week.Monday.AddDays(-30).Iso()}）", section, StringComparison.Ordinal);
        var figure = ChainFigure().Match(section);
        Assert.True(figure.Success, "the station's section has its critical-chain chart");
        var svg = section[section.IndexOf("<svg", figure.Index, StringComparison.Ordinal)..(section.IndexOf("</svg>", figure.Index, StringComparison.Ordinal) + 6)];
        var texts = XDocument.Parse(svg).Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value.Trim()).ToList();
        Assert.Contains("立项批复", texts);
        Assert.Contains("★ 施工许可", texts);
        Assert.Contains("★ 主体完工", texts);
        Assert.Contains("★ 竣工验收", texts);
        Assert.Contains("负时差（预计晚于最迟日期）", texts);
        Assert.Contains($"目标完工 {week.Monday.AddDays(100).Iso()}", texts);
        Assert.DoesNotContain(texts, t => t.Contains("场地平整", StringComparison.Ordinal));
        Assert.Contains("进度绩效指数 SPI(t)（按关键节点计，1 为按计划，低于 1 为滞后）：在建项目中位数", html, StringComparison.Ordinal);
        Assert.Contains("<td class=\"num\">0.23</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_monday_mail_carries_the_critical_chain_as_an_inline_png()
    {
        var week = await AWeekWithAKnockOn();
        var reader = AlertsApp.NewAddress("chain");
        await (await app.Admin.PostJson("/api/v1/subscriptions", new { email = reader, kinds = new[] { "weekly-report" } })).Expect(HttpStatusCode.Created);

        var run = await (await app.Admin.PostAsync("/api/v1/jobs/weekly-report", null)).Expect(HttpStatusCode.OK);

        Assert.Equal(week.Week.ToString(), run.Str("week"));
        var mail = Assert.Single(app.Mail.To(reader));
        var section = SectionOf(mail.HtmlBody ?? "", week.StationName);
        Assert.Contains("SPI(t)：0.45", section, StringComparison.Ordinal);
        var id = CidOfChain().Match(section).Groups[1].Value;
        Assert.StartsWith("chain-", id, StringComparison.Ordinal);
        var image = Assert.Single(mail.BodyParts.OfType<MimePart>(), p => p.ContentId == id);
        Assert.Equal("image/png", image.ContentType.MimeType);
        using var png = new MemoryStream();
        await image.Content!.DecodeToAsync(png);
        using var bitmap = SKBitmap.Decode(png.ToArray());
        Assert.Equal((800, 340), (bitmap.Width, bitmap.Height));
        Assert.Contains($"{week.StationName}（市交通运输局）：", AlertsApp.TextOf(mail), StringComparison.Ordinal);
        Assert.Contains("SPI(t) 0.45", AlertsApp.TextOf(mail), StringComparison.Ordinal);
    }

    private sealed record KnockOnWeek(IsoWeek Week, DateOnly Monday, string District, string StationId, string StationName);

    /// <summary>
    /// During a week: 征地拆迁 of a land project forecast 60 days late; the station project's 施工许可 waits for it, 主体完工
    /// comes 60 days after 施工许可 and 竣工验收 after that, so the chain ends 25 days past the station's target; two of its
    /// key milestones are done. Then on to the next Monday. Answers the week.</summary>
    private async Task<KnockOnWeek> AWeekWithAKnockOn()
    {
        var toMonday = ((int)DayOfWeek.Monday - (int)app.Today.DayOfWeek + 7) % 7;
        app.AdvanceDays(toMonday == 0 ? 7 : toMonday);
        var monday = app.Today;
        var district = await app.NewDistrict();
        var n = Scenario.Next();
        var land = await NewProject(district, $"征地项目{n}");
        var clearance = await Milestone(land, "征地拆迁", "land-use", 5, isKey: true);
        await (await app.Admin.PostJson($"/api/v1/projects/{land}/milestones/{clearance}/forecast", new { forecastDate = monday.AddDays(65), reason = "征地拆迁滞后" }))
            .Expect(HttpStatusCode.OK);

        var stationName = $"轨道站点{n}";
        var station = await NewProject(district, stationName);
        var approval = await Milestone(station, "立项批复", "approval", -60, isKey: true);
        var landUse = await Milestone(station, "用地预审", "land-use", -30, isKey: true);
        var permit = await Milestone(station, "施工许可", "construction-permit", 20, isKey: true);
        var works = await Milestone(station, "主体完工", "main-works", 60, isKey: true);
        var completion = await Milestone(station, "竣工验收", "completion", 100, isKey: true);
        await Milestone(station, "场地平整", "custom", 30, isKey: false);
        await Complete(station, approval, monday.AddDays(-55));
        await Complete(station, landUse, monday.AddDays(-30));
        await Link(station, permit, land, clearance, 0);
        await Link(station, works, station, permit, 60);
        await Link(station, completion, station, works, 0);
        app.AdvanceDays(7);
        return new KnockOnWeek(IsoWeek.Of(monday), monday, district, station, stationName);
    }

    private async Task<string> NewProject(string district, string name)
    {
        var body = Scenario.ProjectBody(district);
        body["name"] = name;
        return (await (await app.Admin.PostJson("/api/v1/projects", body)).Expect(HttpStatusCode.Created)).Str("id");
    }

    private async Task<string> Milestone(string projectId, string name, string kind, int inDays, bool isKey) =>
        (await (await app.Admin.PostJson($"/api/v1/projects/{projectId}/milestones", new { name, kind, baselineDate = app.Today.AddDays(inDays), isKey }))
            .Expect(HttpStatusCode.Created)).Str("id");

    private async Task Complete(string projectId, string milestoneId, DateOnly actualDate) =>
        await (await app.Admin.PostJson($"/api/v1/projects/{projectId}/milestones/{milestoneId}/complete", new { actualDate })).Expect(HttpStatusCode.OK);

    private async Task Link(string projectId, string milestoneId, string predecessorProjectId, string predecessorMilestoneId, int lagDays) =>
        await (await app.Admin.PostJson($"/api/v1/projects/{projectId}/milestones/{milestoneId}/dependencies", new { predecessorProjectId, predecessorMilestoneId, lagDays }))
            .Expect(HttpStatusCode.Created);

    private static string SectionOf(string html, string projectName) =>
        Assert.Single(html.Split("<section class=\"red-project\"")[1..].Select(s => s.Split("</section>")[0]), s => s.Contains(projectName, StringComparison.Ordinal));

    [GeneratedRegex("data-chart=\"chain-[0-9]+\"")]
    private static partial Regex ChainFigure();

    [GeneratedRegex("cid:(chain-[0-9]+)")]
    private static partial Regex CidOfChain();
}
