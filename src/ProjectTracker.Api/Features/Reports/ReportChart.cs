namespace ProjectTracker.Api.Features.Reports;

/// <summary>One chart of the weekly report, drawn twice: SVG for the page, PNG for mail (many mail clients drop SVG).</summary>
/// <param name="Id">A stable name, usable as a file name and a MIME Content-ID: <c>rag-by-district</c>, <c>pace-by-district</c>, <c>trend-1</c>…</param>
/// <param name="Title">The caption, in Chinese.</param>
/// <param name="Svg">A complete <c>&lt;svg&gt;</c> element.</param>
/// <param name="Png">The same chart as a PNG; empty when drawn for the page only.</param>
public sealed record ReportChart(string Id, string Title, string Svg, byte[] Png);
