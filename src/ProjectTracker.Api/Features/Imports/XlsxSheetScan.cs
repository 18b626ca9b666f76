using System.Globalization;
using System.IO.Compression;
using System.Xml;
using ProjectTracker.Api.Infrastructure;

namespace ProjectTracker.Api.Features.Imports;

// The workbook reader yields every row up to the last one a cell names, empty or not (a 1.8 kB sheet with one cell at
// row 1,000,000 held a core for seconds), so the references are checked first, in one streaming pass.
public static class XlsxSheetScan
{
    public const int MaxRows = 1_048_576;

    // A cell at XFD1 would otherwise give every row 16,384 cells.
    public const int MaxColumns = 64;

    // Far more blank rows than a person leaves between values means the rows were never typed.
    public const int MaxBlankRows = 10_000;

    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string Relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const string PackageRelationships = "http://schemas.openxmlformats.org/package/2006/relationships";

    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreWhitespace = true,
    };

    public static int LastValueRow(ZipArchive workbook)
    {
        var sheet = FirstSheet(workbook) ?? throw NotReadable();
        var hasSharedStrings = workbook.GetEntry("xl/sharedStrings.xml") is not null;
        using var reader = XmlReader.Create(sheet.Open(), Settings);
        var (rowsWithValues, lastValueRow, currentRow) = (0, 0, 0);
        var rowHasValue = false;
        // Reading an element's text moves the reader past it: the next node is then already current.
        var onNext = false;
        while (onNext ? !reader.EOF : reader.Read())
        {
            onNext = false;
            if (reader.NodeType != XmlNodeType.Element || reader.NamespaceURI != Main)
            {
                continue;
            }

            switch (reader.LocalName)
            {
                case "dimension" when reader.GetAttribute("ref") is { } range:
                    foreach (var corner in range.Split(':'))
                    {
                        CheckReference(corner);
                    }

                    break;
                case "row":
                    currentRow = reader.GetAttribute("r") is { } r ? CheckRow(r) : currentRow + 1;
                    rowHasValue = false;
                    break;
                case "c":
                    if (reader.GetAttribute("r") is { } reference && CheckReference(reference).Row != currentRow)
                    {
                        throw NotReadable();
                    }

                    if (reader.GetAttribute("t") == "s" && !hasSharedStrings)
                    {
                        throw NotReadable();
                    }

                    break;
                case "v" or "t" when !rowHasValue && currentRow > 0:
                    onNext = true;
                    if (reader.ReadElementContentAsString().Length == 0)
                    {
                        break;
                    }

                    rowHasValue = true;
                    rowsWithValues++;
                    if (lastValueRow > 0 && currentRow - lastValueRow - 1 > MaxBlankRows)
                    {
                        throw new BadInputException("body", string.Create(CultureInfo.InvariantCulture,
                            $"The sheet jumps from row {lastValueRow:N0} to row {currentRow:N0}: delete the empty rows between them (at most {MaxBlankRows:N0})."));
                    }

                    lastValueRow = currentRow;
                    break;
            }
        }

        if (lastValueRow - rowsWithValues > MaxBlankRows)
        {
            throw new BadInputException("body", string.Create(CultureInfo.InvariantCulture,
                $"The sheet's {rowsWithValues:N0} rows with values are spread down to row {lastValueRow:N0}: delete the empty rows between them."));
        }

        return lastValueRow;
    }

    private static ZipArchiveEntry? FirstSheet(ZipArchive workbook)
    {
        var relationship = FirstSheetRelationship(workbook);
        if (relationship is not null && Target(workbook, relationship) is { } target && workbook.GetEntry(target) is { } entry)
        {
            return entry;
        }

        return workbook.Entries
            .Where(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal) && e.FullName.EndsWith(".xml", StringComparison.Ordinal))
            .OrderBy(e => e.FullName.Length).ThenBy(e => e.FullName, StringComparer.Ordinal)
            .FirstOrDefault();
    }

    private static string? FirstSheetRelationship(ZipArchive workbook)
    {
        if (workbook.GetEntry("xl/workbook.xml") is not { } part)
        {
            return null;
        }

        using var reader = XmlReader.Create(part.Open(), Settings);
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "sheet")
            {
                return reader.GetAttribute("id", Relationships);
            }
        }

        return null;
    }

    private static string? Target(ZipArchive workbook, string relationshipId)
    {
        if (workbook.GetEntry("xl/_rels/workbook.xml.rels") is not { } part)
        {
            return null;
        }

        using var reader = XmlReader.Create(part.Open(), Settings);
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "Relationship" && reader.NamespaceURI == PackageRelationships
                && reader.GetAttribute("Id") == relationshipId && reader.GetAttribute("Target") is { } target)
            {
                return target.StartsWith('/') ? target.TrimStart('/') : "xl/" + target;
            }
        }

        return null;
    }

    private static int CheckRow(string number)
    {
        if (!int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var row) || row > MaxRows || row < 1)
        {
            throw BeyondRows();
        }

        return row;
    }

    private static (int Row, int Column) CheckReference(string reference)
    {
        var letters = 0;
        var column = 0;
        while (letters < reference.Length && char.IsAsciiLetter(reference[letters]))
        {
            column = (column * 26) + (char.ToUpperInvariant(reference[letters]) - 'A' + 1);
            letters++;
            if (column > MaxColumns)
            {
                throw new BadInputException("columns", $"The sheet has cells beyond column {MaxColumns}; the columns are at most {MaxColumns}.");
            }
        }

        return letters == 0 || letters == reference.Length ? throw NotReadable() : (CheckRow(reference[letters..]), column);
    }

    private static BadInputException BeyondRows() =>
        new BadInputException("body", string.Create(CultureInfo.InvariantCulture, $"The workbook has rows beyond row {MaxRows:N0}, Excel's own limit."));

    public static BadInputException NotReadable() => new BadInputException("body", "The body is not a readable xlsx workbook.");
}
