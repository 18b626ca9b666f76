using System.Globalization;
using ProjectTracker.Domain.Portfolio;

namespace ProjectTracker.Api.Features.Pages;

/// <summary>How the pages write values: Chinese names, 万元 and dates as officials read them.</summary>
public static class PageText
{
    public const string None = "—";

    public static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? None;

    /// <summary>万元 with thousands separators and at most one decimal: 12,345.6 万元.</summary>
    public static string Money(decimal? wan) => wan is { } v ? v.ToString("#,##0.#", CultureInfo.InvariantCulture) + " 万元" : None;

    public static string Percent(decimal? value) => value is { } v ? v.ToString("0.0", CultureInfo.InvariantCulture) + "%" : None;

    public static string Count(int value) => value.ToString("#,##0", CultureInfo.InvariantCulture);

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

    /// <summary>
    /// Text for a page's title, where no element can isolate it: without the bidi controls (U+202A–U+202E,
    /// U+2066–U+2069) that would turn the rest of the tab's title around. In the body, names sit in &lt;bdi&gt;.</summary>
    public static string Plain(string text) => new([.. text.Where(c => c is not ((>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069')))]);

    /// <summary>The CSS class of a light: the colour goes with the word, never alone.</summary>
    public static string LightClass(Rag light) => light switch
    {
        Rag.Red => "light light-red",
        Rag.Amber => "light light-amber",
        _ => "light light-green",
    };
}
