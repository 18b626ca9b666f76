using System.Globalization;
using System.IO.Compression;
using System.Text;
using FluentValidation;
using Microsoft.Net.Http.Headers;
using MiniExcelLibs;
using ProjectTracker.Api.Infrastructure;

namespace ProjectTracker.Api.Features.Imports;

/// <summary>What can be imported, and the columns each kind has (the JSON field names of the single endpoints).</summary>
public enum ImportKind
{
    Projects,
    Proposals,
    Dependencies,
}

/// <summary>One data row of an import file: its row number as a spreadsheet shows it (header = 1) and its cells by column.</summary>
public sealed record SheetRow(int Number, IReadOnlyDictionary<string, string?> Cells);

public static class ImportSheet
{
    public const string Csv = "text/csv";
    public const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static readonly string[] ProjectColumns =
    [
        "code", "name", "category", "district", "responsibleUnit", "unit", "contactEmail", "leadOfficial", "totalInvestment",
        "planPeriod", "targetYear", "cluster", "sector", "system", "programme", "isPublic", "description", "scope", "location",
    ];

    public static readonly string[] ProposalColumns = [.. ProjectColumns, "year", "justification"];

    // A link names its milestones as officials know them: the project's code and the milestone's name.
    public static readonly string[] DependencyColumns = ["code", "milestone", "predecessorCode", "predecessorMilestone", "lagDays"];

    public static string[] Columns(ImportKind kind) => kind switch
    {
        ImportKind.Projects => ProjectColumns,
        ImportKind.Proposals => ProposalColumns,
        _ => DependencyColumns,
    };

    /// <summary>The kind <paramref name="kind"/> names; null for none or another (a query's validator refuses those).</summary>
    public static ImportKind? KindOf(string? kind) => kind?.Trim().ToLowerInvariant() switch
    {
        "projects" => ImportKind.Projects,
        "proposals" => ImportKind.Proposals,
        "dependencies" => ImportKind.Dependencies,
        _ => null,
    };

    /// <summary>What an import's query string says: the kind of its rows.</summary>
    public sealed record KindQuery(string? Kind)
    {
        public sealed class Validator : AbstractValidator<KindQuery>
        {
            public Validator() => RuleFor(q => q.Kind).ImportKindName();
        }
    }

    public static IRuleBuilderOptions<T, string?> ImportKindName<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(kind => KindOf(kind) is not null).WithMessage("kind is projects, proposals or dependencies.");

    public static string? SupportedMediaType(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var parsed) && parsed.MediaType.Value is { } media
            ? new[] { Csv, Xlsx }.FirstOrDefault(m => string.Equals(m, media, StringComparison.OrdinalIgnoreCase))
            : null;

    public static IReadOnlyList<SheetRow> Read(byte[] file, string mediaType, ImportKind kind)
    {
        // MiniExcel needs a seekable stream: the whole file is in memory anyway, bounded by Imports:MaxFileBytes.
        using var stream = new MemoryStream(file, writable: false);
        var (header, rows) = mediaType == Csv ? ReadCsv(stream) : ReadXlsx(stream);
        CheckHeader(header, kind);
        return rows;
    }

    private static void CheckHeader(IReadOnlyList<string> header, ImportKind kind)
    {
        var known = Columns(kind);
        var unknown = header.Where(h => h.Length > 0 && !known.Contains(h, StringComparer.OrdinalIgnoreCase)).ToList();
        if (header.Count == 0 || !header.Contains("code", StringComparer.OrdinalIgnoreCase))
        {
            throw new BadInputException("columns", $"The first row must name the columns: {string.Join(',', known)}.");
        }

        if (unknown.Count > 0)
        {
            throw new BadInputException("columns", $"Unknown columns: {string.Join(", ", unknown)}. The columns are: {string.Join(',', known)}.");
        }

        var repeated = header.Where(h => h.Length > 0).GroupBy(h => h, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null)
        {
            throw new BadInputException("columns", $"The column {repeated.Key} appears more than once.");
        }
    }

    /// <summary>What an upload may unpack to. An xlsx is a zip: a 2 MB file can hold gigabytes of XML, which the reader
    /// would build in memory (a test file took the process to 4.5 GB). 16 MB of real workbook unpacks to well under
    /// this.</summary>
    private const long MaxUnpackedBytes = 256L * 1024 * 1024;

    private static (IReadOnlyList<string> Header, IReadOnlyList<SheetRow> Rows) ReadXlsx(Stream stream)
    {
        var lastValueRow = Scan(stream);
        List<string> header = [];
        List<string> columns = [];
        List<SheetRow> rows = [];
        try
        {
            // Without useHeaderRow: the header is read as written (repeats and all, so CheckHeader can name them), and a
            // workbook with only its header row still has one. Rows come keyed by column letter, blank ones included.
            var number = 0;
            foreach (IDictionary<string, object?> row in MiniExcel.Query(stream, useHeaderRow: false, excelType: ExcelType.XLSX))
            {
                number++;
                if (number > lastValueRow)
                {
                    break;
                }

                if (row.Count > XlsxSheetScan.MaxColumns)
                {
                    throw new BadInputException("columns", $"The sheet has {row.Count} columns; the columns are at most {XlsxSheetScan.MaxColumns}.");
                }

                if (number == 1)
                {
                    columns = [.. row.Keys];
                    header = [.. row.Values.Select(v => Text(v)?.Trim() ?? "")];
                    continue;
                }

                var cells = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
                for (var c = 0; c < header.Count; c++)
                {
                    if (header[c].Length > 0 && row.TryGetValue(columns[c], out var value))
                    {
                        cells.TryAdd(header[c], Text(value));
                    }
                }

                if (cells.Values.Any(v => !string.IsNullOrWhiteSpace(v)))
                {
                    rows.Add(new SheetRow(number, cells));
                }
            }
        }
        catch (Exception e) when (e is not BadInputException and not OperationCanceledException)
        {
            // Whatever the reader trips over (a shared string with no table was a NullReferenceException) is a broken file.
            throw XlsxSheetScan.NotReadable();
        }

        return (header, rows);
    }

    /// <summary>The unpacked size and the sheet's row and cell references, before the reader walks it; the last row with a value.</summary>
    private static int Scan(Stream stream)
    {
        try
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            if (zip.Entries.Sum(e => e.Length) > MaxUnpackedBytes)
            {
                throw new BadInputException("body", string.Create(CultureInfo.InvariantCulture,
                    $"The workbook unpacks to more than {MaxUnpackedBytes / (1024 * 1024)} MB; split it, or send it as CSV."));
            }

            return XlsxSheetScan.LastValueRow(zip);
        }
        catch (Exception e) when (e is InvalidDataException or System.Xml.XmlException or IOException)
        {
            throw XlsxSheetScan.NotReadable();
        }
        finally
        {
            stream.Position = 0;
        }
    }

    private static string? Text(object? value) => value switch
    {
        null => null,
        string s => s,
        bool b => b ? "true" : "false",
        DateTime d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static (IReadOnlyList<string> Header, IReadOnlyList<SheetRow> Rows) ReadCsv(Stream stream)
    {
        string text;
        try
        {
            // Strict UTF-8 (a BOM is skipped): a file saved in another encoding is refused rather than imported garbled.
            using var reader = new StreamReader(stream, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true);
            text = reader.ReadToEnd();
        }
        catch (DecoderFallbackException)
        {
            throw new BadInputException("body", "The CSV is not UTF-8 text.");
        }

        if (text.IndexOf('\0') is var nul and >= 0)
        {
            var line = text.AsSpan(0, nul).Count('\n') + 1;
            throw new BadInputException("body", $"Line {line} of the CSV {Domain.StoredText.Rule}.");
        }

        var records = CsvRecords(text);
        if (records.Count == 0)
        {
            return ([], []);
        }

        var header = records[0].Select(h => h.Trim()).ToList();
        List<SheetRow> rows = [];
        for (var i = 1; i < records.Count; i++)
        {
            // Records, not physical lines: a quoted cell spanning lines stays one row, as a spreadsheet shows it.
            var (line, fields) = (i + 1, records[i]);
            if (fields.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            if (fields.Count > header.Count)
            {
                throw new BadInputException($"rows[{line}]", $"Row {line} has more cells than the header has columns.");
            }

            var cells = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            for (var c = 0; c < header.Count; c++)
            {
                cells[header[c]] = c < fields.Count ? fields[c] : null;
            }

            rows.Add(new SheetRow(line, cells));
        }

        return (header, rows);
    }

    /// <summary>RFC 4180: commas, double-quoted fields with "" for a quote, and line breaks inside quotes.</summary>
    internal static List<List<string>> CsvRecords(string text)
    {
        List<List<string>> records = [];
        List<string> record = [];
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                record.Add(field.ToString());
                field.Clear();
            }
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                record.Add(field.ToString());
                field.Clear();
                records.Add(record);
                record = [];
            }
            else
            {
                field.Append(c);
            }
        }

        if (field.Length > 0 || record.Count > 0)
        {
            record.Add(field.ToString());
            records.Add(record);
        }

        return records;
    }
}
