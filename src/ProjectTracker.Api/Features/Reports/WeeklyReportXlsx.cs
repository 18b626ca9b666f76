using System.Data;
using System.Globalization;
using MiniExcelLibs;
using MiniExcelLibs.Attributes;
using MiniExcelLibs.OpenXml;
using ProjectTracker.Domain.Portfolio;

namespace ProjectTracker.Api.Features.Reports;

// Numbers and dates are real Excel numbers and dates, so they sort and sum.
public static class WeeklyReportXlsx
{
    public static byte[] Render(WeeklyReport report)
    {
        var tables = WeeklyReportTables.All(report).ToList();
        // MiniExcel writes a Dictionary<string, object> as one sheet per entry, in insertion order; a DataTable keeps
        // its header row when it has no rows, where a list of dictionaries would lose it.
        var sheets = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            sheets.Add(table.SheetName, ToDataTable(table));
        }

        using var stream = new MemoryStream();
        stream.SaveAs(sheets, configuration: new OpenXmlConfiguration
        {
            FreezeRowCount = 1,
            DynamicColumns = [.. Columns(tables)],
        });
        return stream.ToArray();
    }

    private static DataTable ToDataTable(ReportTable table)
    {
        var data = new DataTable(table.SheetName) { Locale = CultureInfo.InvariantCulture };
        foreach (var column in table.Columns)
        {
            data.Columns.Add(column.Name, ClrType(column.Kind));
        }

        foreach (var row in table.Rows)
        {
            data.Rows.Add([.. row.Select(Cell)]);
        }

        return data;
    }

    private static Type ClrType(ColumnKind kind) => kind switch
    {
        ColumnKind.Count => typeof(int),
        ColumnKind.Money or ColumnKind.Percent or ColumnKind.Ratio => typeof(decimal),
        ColumnKind.Date => typeof(DateTime),
        ColumnKind.Light or ColumnKind.YesNo => typeof(string),
        // Text columns may hold any value (the overview's 值 column): MiniExcel writes each cell by its own type.
        _ => typeof(object),
    };

    private static object Cell(object? value) => value switch
    {
        null => DBNull.Value,
        string text => WeeklyReportTables.Defuse(text),
        DateOnly date => date.ToDateTime(TimeOnly.MinValue),
        Rag rag => rag.ChineseName(),
        bool yes => yes ? "是" : "否",
        _ => value,
    };

    // By column name: MiniExcel applies them to every sheet with that column. A CJK character counts two, as Excel draws it.
    private static IEnumerable<DynamicExcelColumn> Columns(IReadOnlyList<ReportTable> tables) =>
        tables
            .SelectMany(table => table.Columns.Select((column, index) => (column, width: Width(table, column, index))))
            .GroupBy(c => c.column.Name, StringComparer.Ordinal)
            .Select(g => new DynamicExcelColumn(g.Key)
            {
                Width = Math.Clamp(g.Max(c => c.width) + 2, 8, 60),
                Format = g.First().column.Kind switch
                {
                    ColumnKind.Money => "#,##0.0",
                    ColumnKind.Percent => "0.0",
                    ColumnKind.Ratio => "0.00",
                    ColumnKind.Date => "yyyy-mm-dd",
                    _ => null,
                },
            });

    private static int Width(ReportTable table, ReportColumn column, int index) =>
        table.Rows
            .Select(row => column.Kind switch
            {
                ColumnKind.Date => 10,
                ColumnKind.Money or ColumnKind.Percent or ColumnKind.Ratio or ColumnKind.Count => 12,
                _ => DisplayWidth(Convert.ToString(Cell(row[index]), CultureInfo.InvariantCulture) ?? ""),
            })
            .Append(DisplayWidth(column.Name))
            .Max();

    private static int DisplayWidth(string text) => text.Sum(c => c >= '\u2E80' ? 2 : 1);
}
