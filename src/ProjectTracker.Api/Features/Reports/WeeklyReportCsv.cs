using System.Globalization;
using System.Text;
using ProjectTracker.Domain.Portfolio;

namespace ProjectTracker.Api.Features.Reports;

// RFC 4180; the endpoint adds the UTF-8 BOM Excel needs to read it as UTF-8.
public static class WeeklyReportCsv
{
    public enum Table
    {
        District,
        Category,
        NewSlips,
        Recoveries,
        Completed,
        Rebaselines,
        PlanChanges,
        Due,
        Overdue,
        Red,
        Stale,
        RankingsDistrict,
        RankingsUnit,
        CompletionsThisYear,
        CompletionsNextYear,
        Cluster,
        Sector,
        System,
        Programme,
        Unit,
        Feedback,
    }

    public static string Render(WeeklyReport report, Table table) => Build(report, table).ToString();

    /// <summary>The same text in the pieces it was built in, for writing out without one string of it.</summary>
    public static StringBuilder Build(WeeklyReport report, Table table)
    {
        var data = WeeklyReportTables.Of(report, table);
        var csv = new StringBuilder();
        AppendRecord(csv, data.Columns.Select(c => Field(c.Name)));
        foreach (var row in data.Rows)
        {
            AppendRecord(csv, row.Select(Cell));
        }

        return csv;
    }

    private static void AppendRecord(StringBuilder csv, IEnumerable<string> fields) =>
        csv.AppendJoin(',', fields).Append("\r\n");

    private static string Cell(object? value) => value switch
    {
        null => "",
        string text => Field(WeeklyReportTables.Defuse(text)),
        int number => number.ToString(CultureInfo.InvariantCulture),
        decimal number => number.ToString(CultureInfo.InvariantCulture),
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        Rag rag => rag.ChineseName(),
        bool yes => yes ? "是" : "否",
        _ => Field(WeeklyReportTables.Defuse(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "")),
    };

    private static string Field(string text) =>
        text.AsSpan().IndexOfAny(",\"\r\n") < 0 ? text : "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
