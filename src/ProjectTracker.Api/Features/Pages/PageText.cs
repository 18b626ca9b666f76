using System.Globalization;
using ProjectTracker.Domain.Portfolio;

namespace ProjectTracker.Api.Features.Pages;

public static class PageText
{
    public const string None = "—";

    public static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? None;

    public static string Money(decimal? wan) => wan is { } v ? v.ToString("#,##0.#", CultureInfo.InvariantCulture) + " 万元" : None;

    public static string Percent(decimal? value) => value is { } v ? v.ToString("0.0", CultureInfo.InvariantCulture) + "%" : None;

    public static string Count(long value) => value.ToString("#,##0", CultureInfo.InvariantCulture);

    public static string Kind(MilestoneKind kind) => kind switch
    {
        MilestoneKind.Approval => "立项",
        MilestoneKind.LandUse => "用地",
        MilestoneKind.PlanningPermit => "规划许可",
        MilestoneKind.ConstructionPermit => "施工许可",
        MilestoneKind.Groundbreaking => "开工",
        MilestoneKind.MainWorks => "主体完工",
        MilestoneKind.Completion => "竣工验收",
        MilestoneKind.InService => "投入使用",
        _ => "其他节点",
    };

    public static string Status(ProjectStatus status) => status switch
    {
        ProjectStatus.Closed => "已建成",
        ProjectStatus.Cancelled => "已取消",
        _ => "在建",
    };

    public static string Period(PlanPeriod? period) => period switch
    {
        PlanPeriod.Thirteenth => "十三五（2016–2020）",
        PlanPeriod.Fourteenth => "十四五（2021–2025）",
        PlanPeriod.Fifteenth => "十五五（2026–2030）",
        PlanPeriod.Sixteenth => "十六五（2031–2035）",
        _ => None,
    };

    // For the <title>, where no <bdi> can isolate a name: without the bidi controls that would turn the tab's title around.
    public static string Plain(string text) => new([.. text.Where(c => c is not ((>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069')))]);

    public static string LightClass(Rag light) => light switch
    {
        Rag.Red => "light light-red",
        Rag.Amber => "light light-amber",
        _ => "light light-green",
    };
}
