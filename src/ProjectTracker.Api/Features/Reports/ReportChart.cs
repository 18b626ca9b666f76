namespace ProjectTracker.Api.Features.Reports;

// PNG too because many mail clients drop SVG; Id doubles as a file name and a MIME Content-ID.
public sealed record ReportChart(string Id, string Title, string Svg, byte[] Png);
