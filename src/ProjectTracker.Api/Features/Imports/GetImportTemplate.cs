using System.Text;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using MiniExcelLibs;
using ProjectTracker.Api.Infrastructure;

namespace ProjectTracker.Api.Features.Imports;

public static class GetImportTemplate
{
    public static void Map(IEndpointRouteBuilder imports) =>
        imports.MapGet("/template", Handle)
            .RequireAuthorization(Policies.Writer)
            .WithName("GetImportTemplate")
            .WithSummary("Download an empty import file with the header row")
            .WithDescription("`kind=projects|proposals|dependencies`, `format=csv|xlsx` (csv by default).")
            .Produces(StatusCodes.Status200OK, contentType: ImportSheet.Csv)
            .Produces(StatusCodes.Status200OK, contentType: ImportSheet.Xlsx)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);

    public sealed record Query(string? Kind, string? Format)
    {
        public sealed class Validator : AbstractValidator<Query>
        {
            public Validator()
            {
                RuleFor(q => q.Kind).ImportKindName();
                RuleFor(q => q.Format).Must(f => f?.Trim().ToLowerInvariant() is null or "" or "csv" or "xlsx").WithMessage("format is csv or xlsx.");
            }
        }
    }

    public static FileContentHttpResult Handle([AsParameters] Query query)
    {
        var importKind = ImportSheet.KindOf(query.Kind)!.Value;
        var format = query.Format;
        var columns = ImportSheet.Columns(importKind);
        var name = $"{ImportRecords.Wire(importKind)}-import";
        switch (format?.Trim().ToLowerInvariant())
        {
            case null or "" or "csv":
                // With a BOM, so that Excel opens the Chinese the districts type into it as UTF-8.
                var csv = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(string.Join(',', columns) + "\r\n")).ToArray();
                return TypedResults.File(csv, $"{ImportSheet.Csv}; charset=utf-8", $"{name}.csv");
            case "xlsx":
                using (var stream = new MemoryStream())
                {
                    // No data rows: the header is written as the only row, so that nothing but the header is in the sheet.
                    var header = columns.ToDictionary(c => c, object? (c) => c);
                    stream.SaveAs(new[] { header }, printHeader: false, excelType: ExcelType.XLSX);
                    return TypedResults.File(stream.ToArray(), ImportSheet.Xlsx, $"{name}.xlsx");
                }

            default:
                throw new ArgumentException($"The validator let format '{format}' through.", nameof(query));
        }
    }
}
