using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using ProjectTracker.Api.Features.Proposals;
using ProjectTracker.Api.Infrastructure;
using ProjectTracker.Domain.Portfolio;
using ProjectTracker.Domain.Projects;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;
using Register = ProjectTracker.Api.Features.Projects.RegisterProject;

namespace ProjectTracker.Api.Features.Imports;

/// <summary>
/// Imports many projects or proposals from one CSV or xlsx file: every row is checked by the rules of the single
/// endpoint first, and either all rows are written in one transaction or none is.
/// </summary>
public static class ImportRecords
{
    public sealed record CreatedRow(int Row, Guid Id, string Code);

    public sealed record Response(string Kind, int Rows, IReadOnlyList<CreatedRow> Created);

    private sealed record ParsedRow(int Number, Register.Request Project, ProposeProject.Request? Proposal);

    public static void Map(IEndpointRouteBuilder imports) =>
        imports.MapPost("/", Handle)
            .RequireAuthorization(Policies.Writer)
            .Accepts<byte[]>(ImportSheet.Csv, ImportSheet.Xlsx)
            .WithName("ImportRecords")
            .WithSummary("Import projects or proposals from a CSV or xlsx file")
            .WithDescription("""
                The raw body is the file (`text/csv` in UTF-8, with or without BOM, or an xlsx workbook), at most 1 MB.
                The first row names the columns: the fields of `POST /api/v1/projects` (for `kind=proposals` also `year`
                and `justification`). All rows are checked first; errors are named `rows[N].field` where N is the row
                number in the file (the header is row 1, the first data row is 2). Nothing is written unless every row
                is good; then all rows are written in one transaction.
                """)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

    public static async Task<Results<Created<Response>, ValidationProblem, ProblemHttpResult>> Handle(
        string? kind,
        HttpRequest request,
        ClaimsPrincipal user,
        IDocumentSession session,
        IValidator<Register.Request> projectValidator,
        IValidator<ProposeProject.Request> proposalValidator,
        IOptions<JsonOptions> json,
        ProjectWriter writer,
        TimeProvider clock,
        CancellationToken ct)
    {
        var importKind = ImportSheet.ParseKind(kind);
        if (ImportSheet.SupportedMediaType(request.ContentType) is not { } mediaType)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Unsupported media type",
                detail: $"Send the file as {ImportSheet.Csv} or {ImportSheet.Xlsx}.");
        }

        var caller = user.Caller();
        var sheet = await ImportSheet.Read(request.Body, mediaType, importKind, ct);
        if (sheet.Count == 0)
        {
            return Invalid(new() { ["body"] = ["The file has no data rows."] });
        }

        var errors = new Dictionary<string, List<string>>();
        var rows = new List<ParsedRow>();
        foreach (var row in sheet)
        {
            var parsed = Parse(row, importKind, json.Value.SerializerOptions, errors);
            var failures = importKind == ImportKind.Projects
                ? (await projectValidator.ValidateAsync(parsed.Project, ct)).Errors
                : (await proposalValidator.ValidateAsync(parsed.Proposal!, ct)).Errors;
            foreach (var failure in failures)
            {
                // Proposal errors name project.code…; in a file the project's fields are plain columns.
                var column = failure.PropertyName.StartsWith("project.", StringComparison.Ordinal) ? failure.PropertyName["project.".Length..] : failure.PropertyName;
                Add(errors, row.Number, column, failure.ErrorMessage, unlessParseFailed: true);
            }

            var district = parsed.Project.District?.Trim();
            if (!string.IsNullOrEmpty(district) && !caller.IsAdmin && !string.Equals(caller.District, district, StringComparison.Ordinal))
            {
                Add(errors, row.Number, "district", $"The key of district {caller.District} imports only rows of its own district.");
            }

            rows.Add(parsed);
        }

        await CheckCodes(rows, session, errors, ct);
        if (errors.Count > 0)
        {
            return Invalid(errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
        }

        var created = importKind == ImportKind.Projects
            ? RegisterAll(rows, session, writer, caller)
            : ProposeAll(rows, session, caller, clock);
        await session.SaveChangesAsync(ct);
        var answer = new Response(importKind == ImportKind.Projects ? "projects" : "proposals", rows.Count, created);
        return TypedResults.Created(importKind == ImportKind.Projects ? "/api/v1/projects" : "/api/v1/proposals", answer);
    }

    private static List<CreatedRow> RegisterAll(List<ParsedRow> rows, IDocumentSession session, ProjectWriter writer, Caller caller) =>
        [.. rows.Select(row =>
        {
            var command = row.Project.ToCommand(Guid.CreateVersion7());
            // The same checks and decision as POST /projects, so each history starts with project-registered.
            writer.Register(session, command, caller);
            return new CreatedRow(row.Number, command.ProjectId, command.Code);
        })];

    private static List<CreatedRow> ProposeAll(List<ParsedRow> rows, IDocumentSession session, Caller caller, TimeProvider clock) =>
        [.. rows.Select(row =>
        {
            var proposal = new Proposal
            {
                Id = Guid.CreateVersion7(),
                Project = row.Project,
                District = row.Project.District!.Trim(),
                Year = row.Proposal!.Year!.Value,
                Justification = row.Proposal.Justification!.Trim(),
                Status = ProposalStatus.Pending,
                ProposedByKeyId = caller.KeyId,
                ProposedBy = caller.Name,
                ProposedAt = clock.GetUtcNow(),
            };
            session.Store(proposal);
            return new CreatedRow(row.Number, proposal.Id, row.Project.Code!.Trim());
        })];

    /// <summary>Codes must be unique within the file and not taken by a registered project.</summary>
    private static async Task CheckCodes(List<ParsedRow> rows, IQuerySession session, Dictionary<string, List<string>> errors, CancellationToken ct)
    {
        var withCode = rows.Where(r => !string.IsNullOrWhiteSpace(r.Project.Code)).Select(r => (r.Number, Code: r.Project.Code!.Trim())).ToList();
        foreach (var duplicate in withCode.GroupBy(r => r.Code).Where(g => g.Count() > 1))
        {
            var numbers = string.Join(", ", duplicate.Select(r => r.Number));
            foreach (var (number, _) in duplicate)
            {
                Add(errors, number, "code", $"The code {duplicate.Key} appears on rows {numbers} of the file.");
            }
        }

        var codes = withCode.Select(r => r.Code).Distinct().ToArray();
        var taken = codes.Length == 0
            ? []
            : (await session.Query<Project>().Where(p => p.Code.IsOneOf(codes)).Select(p => p.Code).ToListAsync(ct)).ToHashSet();
        foreach (var (number, code) in withCode.Where(r => taken.Contains(r.Code)))
        {
            Add(errors, number, "code", $"A project with the code {code} is already registered.");
        }
    }

    private static ParsedRow Parse(SheetRow row, ImportKind kind, JsonSerializerOptions json, Dictionary<string, List<string>> errors)
    {
        string? Cell(string column) => row.Cells.TryGetValue(column, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;

        T? Typed<T>(string column, Func<string, T?> parse) where T : struct
        {
            if (Cell(column) is not { } text)
            {
                return null;
            }

            var value = parse(text.Trim());
            if (value is null)
            {
                Add(errors, row.Number, column, $"'{text}' is not a valid value for {column}.");
            }

            return value;
        }

        TEnum? Wire<TEnum>(string text) where TEnum : struct, Enum
        {
            try
            {
                return JsonSerializer.Deserialize<TEnum>(JsonSerializer.Serialize(text), json);
            }
            catch (JsonException)
            {
                return null;
            }
        }

        var project = new Register.Request(
            Cell("code"),
            Cell("name"),
            Typed("category", Wire<Category>),
            Cell("district"),
            Cell("responsibleUnit"),
            Cell("contactEmail"),
            Cell("leadOfficial"),
            Typed("totalInvestment", t => decimal.TryParse(t, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? d : (decimal?)null),
            Typed("planPeriod", Wire<PlanPeriod>),
            Typed("targetYear", t => int.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out var y) ? y : (int?)null),
            Cell("cluster"),
            Cell("sector"),
            Cell("programme"),
            Typed("isPublic", ParseBool),
            Cell("description"));
        var proposal = kind == ImportKind.Proposals
            ? new ProposeProject.Request(
                project,
                Typed("year", t => int.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out var y) ? y : (int?)null),
                Cell("justification"))
            : null;
        return new ParsedRow(row.Number, project, proposal);
    }

    private static bool? ParseBool(string text) => text.ToLowerInvariant() switch
    {
        "true" or "1" or "yes" or "是" => true,
        "false" or "0" or "no" or "否" => false,
        _ => null,
    };

    private static void Add(Dictionary<string, List<string>> errors, int row, string column, string message, bool unlessParseFailed = false)
    {
        var key = $"rows[{row}].{column}";
        if (errors.TryGetValue(key, out var messages))
        {
            // A cell that could not be read is already reported; "required" on top of it would mislead.
            if (!unlessParseFailed)
            {
                messages.Add(message);
            }

            return;
        }

        errors[key] = [message];
    }

    private static ValidationProblem Invalid(Dictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: "One or more fields are not valid.");
}
