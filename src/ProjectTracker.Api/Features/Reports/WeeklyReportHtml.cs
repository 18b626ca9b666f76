using System.Globalization;
using System.Text.RegularExpressions;
using ProjectTracker.Api.Infrastructure;
using ProjectTracker.Domain.Portfolio;

namespace ProjectTracker.Api.Features.Reports;

// The page fetches nothing and runs no script (style sheet and SVG charts inline); mail clients drop style sheets and
// scripts, so the mail has inline styles and shows the charts as cid: images of the attached PNGs.
public static partial class WeeklyReportHtml
{
    public enum Target
    {
        Page,
        Mail,
    }

    public static string Render(
        WeeklyReport report,
        IReadOnlyList<ReportChart> charts,
        Target target,
        string? previousWeekUrl,
        string? nextWeekUrl,
        string? jsonUrl,
        string? xlsxUrl) =>
        RazorHtml.Render<WeeklyReportDocument>(new Dictionary<string, object?>
        {
            [nameof(WeeklyReportDocument.Report)] = report,
            [nameof(WeeklyReportDocument.Charts)] = charts,
            [nameof(WeeklyReportDocument.Target)] = target,
            [nameof(WeeklyReportDocument.PreviousWeekUrl)] = previousWeekUrl,
            [nameof(WeeklyReportDocument.NextWeekUrl)] = nextWeekUrl,
            [nameof(WeeklyReportDocument.JsonUrl)] = jsonUrl,
            [nameof(WeeklyReportDocument.XlsxUrl)] = xlsxUrl,
        });

    internal static class MailCss
    {
        public const string Body = "margin:0;padding:0;background:#ffffff";
        public const string Wrapper = "max-width:760px;margin:0 auto;padding:16px";
        public const string H1 = "font-size:22px;margin:8px 0 4px";
        public const string H2 = "font-size:18px;margin:28px 0 10px;padding-bottom:4px;border-bottom:2px solid #1f4e79;color:#1f4e79";
        public const string H3 = "font-size:15px;margin:18px 0 6px";
        public const string Muted = "color:#52606d;margin:0";
        public const string Provisional = "margin:14px 0;padding:10px 14px;border-left:4px solid #f9a825;background:#fff8e1;font-weight:600";
        public const string Table = "border-collapse:collapse;width:100%;font-size:13px;margin:6px 0 14px";
        public const string Th = "border:1px solid #d0d7de;padding:4px 6px;background:#eef2f6;text-align:left;white-space:nowrap";
        public const string ThNum = Th + ";text-align:right";
        public const string Td = "border:1px solid #d0d7de;padding:4px 6px;text-align:left;vertical-align:top";
        public const string TdNowrap = Td + ";white-space:nowrap";
        public const string TdNum = "border:1px solid #d0d7de;padding:4px 6px;text-align:right;white-space:nowrap";
        public const string Total = "font-weight:600;background:#f7f9fb";
        public const string Figure = "margin:10px 0 16px";
        public const string Img = "display:block;max-width:100%;height:auto;border:0";
        public const string Caption = "color:#52606d;font-size:13px;text-align:center";
        public const string RedProject = "border:1px solid #f3c6c6;border-left:4px solid #c62828;padding:6px 12px;margin:12px 0";
        public const string Link = "margin-right:16px";
        public const string Footer = "margin-top:24px;padding-top:10px;border-top:1px solid #d0d7de;color:#52606d;font-size:13px";

        public static string Light(Rag rag) => "display:inline-block;padding:0 6px;border-radius:3px;font-weight:600;" + rag switch
        {
            Rag.Red => "background:#c62828;color:#ffffff",
            Rag.Amber => "background:#f9a825;color:#1f2933",
            _ => "background:#2e7d32;color:#ffffff",
        };
    }

    // Up to a project code's 24 characters: text this short reads badly when wrapped.
    internal const int ShortText = 24;

    internal static bool IsNumeric(ColumnKind kind) => kind is ColumnKind.Count or ColumnKind.Money or ColumnKind.Percent;

    internal static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    internal static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);

    internal static string Money(decimal value) => value.ToString("#,##0.#", CultureInfo.InvariantCulture);

    internal static string Points(decimal value) => value.ToString("0.0", CultureInfo.InvariantCulture);

    internal static string Percent(decimal? value) => value is { } v ? Points(v) + "%" : "—";

    // Only site-relative paths and http(s) URLs become links: no javascript:, no protocol-relative hosts.
    internal static bool IsSafeUrl(string? url) =>
        !string.IsNullOrWhiteSpace(url)
        && ((url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal))
            || (Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)));

    // Ids get the chart id as prefix: ScottPlot numbers its clip paths per drawing, so two inline charts would share cl_4
    // and clip each other. A missing viewBox is added so that the chart scales down on a phone instead of being cropped.
    internal static string InlineSvg(ReportChart chart)
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

    internal static string? AbsoluteOnly(string? url) => url is not null && url.StartsWith('/') ? null : url;

    private static Regex SizeAttribute(string name) => name == "width" ? WidthAttribute() : HeightAttribute();

    // The PNG's own width, at most 640 px, so that the image neither blurs nor overflows a mail pane.
    internal static int MailWidth(byte[] png)
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
