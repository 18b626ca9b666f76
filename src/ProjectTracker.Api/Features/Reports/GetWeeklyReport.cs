using System.Text;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using ProjectTracker.Api.Features.Pages;
using ProjectTracker.Api.Features.Structure;
using ProjectTracker.Api.Infrastructure;

namespace ProjectTracker.Api.Features.Reports;

public static class GetWeeklyReport
{
    public enum Format
    {
        Json,
        Html,
        Csv,
        Xlsx,
    }

    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private static readonly (Format Format, string MediaType)[] MediaTypes =
    [
        (Format.Json, "application/json"),
        (Format.Html, "text/html"),
        (Format.Csv, "text/csv"),
        (Format.Xlsx, XlsxType),
    ];

    public static void Map(IEndpointRouteBuilder reports) =>
        reports.MapGet("/weekly/{isoWeek}", Handle)
            .WithName("GetWeeklyReport")
            .WithSummary("The weekly progress report (周报) of an ISO week, as JSON, HTML, CSV or Excel")
            .WithDescription("""
                The portfolio as of the week's end (Sunday 24:00 Asia/Shanghai), as it stood then (streams changed since are replayed up to that instant): headline (lights, the
                four rates, investment against the annual plan and pro-rata time, churn net and absolute), the week's changes
                (new slips, recoveries, completed milestones, approved changes that moved baselines and the days they moved, net
                and absolute, and `planChanges`: every plan change asked for or decided in the week, with its fields, reason,
                document reference, the day asked and its decision as the week ended), milestones due in the next 14 days,
                overdue milestones, red projects with their reasons, SPI(t) and (for the first 20, `Reports:MaxChainCharts`) their
                critical chain, stale reporting by responsible unit, and tables by district and by category (with the median
                SPI(t), `spiT`). Its figures are those of `GET /api/v1/portfolio/summary?asOf={Sunday}`. `rankings` (排名通报)
                ranks districts and responsible units as `GET /api/v1/portfolio/rankings?asOf={Sunday}` does, each row with
                `rankLastWeek` (its rank in the previous week's report: as published once that report is frozen, else by the
                same rule as of that week's end) and `movement` (places up since then);
                `completions` (年度建成项目) lists this year's and next year's commitments as `GET
                /api/v1/portfolio/completions` judges them on the report's day. `feedback` (公众留言) counts the public's
                messages by responsible unit: received, published and first answered in the week, and awaiting review or a
                reply at its end. Each is absent from a report frozen before it was counted.

                A finished week's report is generated once and stored: every later request answers the same data, byte for
                byte, whatever was recorded since. The current week's report is as of now and says `"provisional": true`. A
                week that has not begun is 404.

                `format=json|html|csv|xlsx`, or the `Accept` header (default JSON). HTML is the page people read (charts
                inline as SVG; also at `/reports/weekly/{isoWeek}` in a browser), each project's name linked to the page a
                person can read: `/public/projects/{id}` for a project the public sees now, else `/projects/{id}` (a key,
                as for the report page); CSV gives one table, chosen by
                `table=district|category|new-slips|recoveries|completed|rebaselines|plan-changes|due|overdue|red|stale|rankings-district|rankings-unit|completions-this-year|completions-next-year|cluster|sector|system|programme|unit|feedback`
                (default `district`), UTF-8 with a byte-order mark for Excel; xlsx has one sheet per table, among them one per
                grouping (district, category, cluster, sector, system, programme, responsible unit).

                The structure filters (`cluster`, `sector`, `system`, `programme`, `unit`: codes of their lists, 400 when
                unknown; `leadOfficial`: part of the name) narrow the report to those projects, judged as in the whole report,
                and the report says so in `filter`. A narrowed report is built from the events on each request and never
                frozen: only the whole portfolio's report is the week's record.
                """)
            .Produces<WeeklyReport>(StatusCodes.Status200OK, "application/json")
            .Produces(StatusCodes.Status200OK, contentType: "text/html")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .Produces(StatusCodes.Status200OK, contentType: XlsxType)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status406NotAcceptable);

    public sealed record Query(
        string? Format, string? Table, string? Cluster, string? Sector, string? System, string? Programme, string? Unit, string? LeadOfficial) : IStructureFilter
    {
        public sealed class Validator : AbstractValidator<Query>
        {
            public Validator(IQuerySession session, StructureCatalogs catalogs)
            {
                this.StructureFiltered(session, catalogs);
                RuleFor(q => q.Format).WireNameOf<Query, Format>();
                RuleFor(q => q.Table).WireNameOf<Query, WeeklyReportCsv.Table>();
            }
        }
    }

    public static async Task<Results<ContentHttpResult, BuiltText, FileContentHttpResult, ProblemHttpResult>> Handle(
        string isoWeek,
        [AsParameters] Query filter,
        HttpContext http,
        IQuerySession session,
        WeeklyReports reports,
        WeeklyReportCharts charts,
        TimeProvider clock,
        CancellationToken ct)
    {
        var week = IsoWeek.Parse(isoWeek);
        var csvTable = WireEnum.From<WeeklyReportCsv.Table>(filter.Table) ?? WeeklyReportCsv.Table.District;
        var wanted = WireEnum.From<Format>(filter.Format) ?? FromAccept(http.Request);
        if (wanted is not { } chosen)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status406NotAcceptable,
                title: "Not acceptable",
                detail: $"The weekly report comes as {string.Join(", ", MediaTypes.Select(m => m.MediaType))}; ask with Accept or format=json|html|csv|xlsx.");
        }

        var stored = filter.IsEmpty() ? await reports.Get(week, ct) : await reports.Narrowed(week, filter, ct);
        var report = stored.Report;
        http.Response.Headers.CacheControl = report.Provisional ? "no-store" : "private, max-age=3600";
        http.Response.Headers.Vary = HeaderNames.Accept;
        var name = $"weekly-report-{report.Week}";
        switch (chosen)
        {
            case Format.Html:
                return new BuiltText(await Page(report, charts, clock, session, ct), "text/html; charset=utf-8");
            case Format.Csv:
                http.Response.Headers.ContentDisposition = $"attachment; filename=\"{name}-{Json.WireName(csvTable)}.csv\"";
                return new BuiltText(WeeklyReportCsv.Build(report, csvTable), "text/csv; charset=utf-8", byteOrderMark: true);
            case Format.Xlsx:
                return TypedResults.File(WeeklyReportXlsx.Render(report), XlsxType, $"{name}.xlsx");
            default:
                return TypedResults.Text(stored.Json, "application/json; charset=utf-8", Encoding.UTF8);
        }
    }

    internal static async Task<StringBuilder> Page(WeeklyReport report, WeeklyReportCharts charts, TimeProvider clock, IQuerySession session, CancellationToken ct)
    {
        var week = IsoWeek.Parse(report.Week);
        var next = week.Next;
        var projectPath = await ProjectLinks.Paths(session, WeeklyReportTables.ProjectIds(report), ct);
        return WeeklyReportHtml.Build(
            report,
            charts.Draw(report, withPng: false),
            WeeklyReportHtml.Target.Page,
            $"{WeeklyReportPage.Path}/{week.Previous}",
            next.Starts <= clock.GetUtcNow() ? $"{WeeklyReportPage.Path}/{next}" : null,
            $"/api/v1/reports/weekly/{week}?format=json",
            $"/api/v1/reports/weekly/{week}?format=xlsx",
            projectPath);
    }

    private static Format? FromAccept(HttpRequest request)
    {
        var accept = request.GetTypedHeaders().Accept;
        if (accept.Count == 0)
        {
            return Format.Json;
        }

        foreach (var range in accept.OrderByDescending(a => a.Quality ?? 1))
        {
            if (range.Quality == 0)
            {
                continue;
            }

            if (range.MatchesAllTypes)
            {
                return Format.Json;
            }

            foreach (var (format, mediaType) in MediaTypes)
            {
                if (new MediaTypeHeaderValue(mediaType).IsSubsetOf(range))
                {
                    return format;
                }
            }
        }

        return null;
    }
}
