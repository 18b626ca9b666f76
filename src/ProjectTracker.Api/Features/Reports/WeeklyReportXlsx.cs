using System.Collections;
using System.Data;
using System.Diagnostics.CodeAnalysis;
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
        // Two passes over tables made afresh from the report, so only one table's rows live at a time: the column widths
        // (MiniExcel takes them before the first sheet), then the sheets as MiniExcel writes them.
        var columns = Columns(WeeklyReportTables.All(report));
        using var stream = new MemoryStream();
        stream.SaveAs(new OneSheetAtATime(WeeklyReportTables.All(report)), configuration: new OpenXmlConfiguration
        {
            FreezeRowCount = 1,
            DynamicColumns = [.. columns],
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
    private static List<DynamicExcelColumn> Columns(IEnumerable<ReportTable> tables) =>
        [
            .. tables
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
            }),
        ];

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

    /// <summary>
    /// The sheets for MiniExcel, which writes a dictionary's entries in order as sheets and only enumerates it: each
    /// entry's <see cref="DataTable"/> (it keeps its header row when it has no rows) is made as MiniExcel reaches it.</summary>
    private sealed class OneSheetAtATime(IEnumerable<ReportTable> tables) : IDictionary<string, object>
    {
        public IEnumerator<KeyValuePair<string, object>> GetEnumerator()
        {
            foreach (var table in tables)
            {
                yield return new(table.SheetName, ToDataTable(table));
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public object this[string key] { get => throw Unsupported(); set => throw Unsupported(); }

        public ICollection<string> Keys => throw Unsupported();

        public ICollection<object> Values => throw Unsupported();

        public int Count => throw Unsupported();

        public bool IsReadOnly => true;

        public void Add(string key, object value) => throw Unsupported();

        public void Add(KeyValuePair<string, object> item) => throw Unsupported();

        public void Clear() => throw Unsupported();

        public bool Contains(KeyValuePair<string, object> item) => throw Unsupported();

        public bool ContainsKey(string key) => throw Unsupported();

        public void CopyTo(KeyValuePair<string, object>[] array, int arrayIndex) => throw Unsupported();

        public bool Remove(string key) => throw Unsupported();

        public bool Remove(KeyValuePair<string, object> item) => throw Unsupported();

        public bool TryGetValue(string key, [MaybeNullWhen(false)] out object value) => throw Unsupported();

        private static NotSupportedException Unsupported() => new("The sheets are only enumerated, once.");
    }
}
