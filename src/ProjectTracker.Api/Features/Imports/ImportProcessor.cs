using System.Globalization;
using System.Text.Json;
using FluentValidation;
using Marten;
using Microsoft.Extensions.Options;
using ProjectTracker.Api.Features.Access;
using ProjectTracker.Api.Features.Projects;
using ProjectTracker.Api.Features.Proposals;
using ProjectTracker.Api.Features.Structure;
using ProjectTracker.Domain.Portfolio;
using ProjectTracker.Domain.Projects;
using ProjectTracker.Domain.Structure;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;
using Register = ProjectTracker.Api.Features.Projects.RegisterProject;

namespace ProjectTracker.Api.Features.Imports;

/// <summary>One data row of an import as the single endpoints would receive it.</summary>
public sealed record ImportRow(int Number, Register.Request Project, ProposeProject.Request? Proposal);

/// <summary>What checking a whole file found: its rows (of a dependency import: its links), and every error by
/// <c>rows[N].field</c> (none: all rows may be written).</summary>
public sealed record ImportCheck(
    IReadOnlyList<ImportRow> Rows, IReadOnlyDictionary<string, string[]> Errors, IReadOnlyList<LinkRow>? Links = null, StructureCatalog? Catalog = null)
{
    public int RowCount => Links?.Count ?? Rows.Count;
}

// The same within the request or in the background: every row by the single endpoint's rules, then all into the session.
public sealed class ImportProcessor(
    IValidator<Register.Request> projectValidator,
    IValidator<ProposeProject.Request> proposalValidator,
    IOptions<JsonOptions> json,
    ProjectWriter writer,
    StructureCatalogs catalogs,
    TimeProvider clock)
{
    /// <param name="progress">Told the number of rows checked so far, after each row.</param>
    public async Task<ImportCheck> Check(
        IReadOnlyList<SheetRow> sheet, ImportKind kind, Caller caller, IQuerySession session, Func<int, Task>? progress, CancellationToken ct)
    {
        var errors = new Dictionary<string, List<string>>();
        var rows = new List<ImportRow>();
        if (sheet.Count == 0)
        {
            errors["body"] = ["The file has no data rows."];
        }

        if (kind == ImportKind.Dependencies)
        {
            // Links need the lists only to judge a unit key's rows.
            caller = await catalogs.Scoped(caller, session, ct);
            var links = await DependencyImport.Check(sheet, caller, session, errors, progress, ct);
            return new ImportCheck([], errors.ToDictionary(e => e.Key, e => e.Value.ToArray()), links, caller.Structure);
        }

        // The rows are stored as checked: against the lists as read here.
        var catalog = await catalogs.Current(session, ct);

        foreach (var row in sheet)
        {
            var parsed = Parse(row, kind, json.Value.SerializerOptions, errors);
            var failures = kind == ImportKind.Projects
                ? (await projectValidator.ValidateAsync(parsed.Project, ct)).Errors
                : (await proposalValidator.ValidateAsync(parsed.Proposal!, ct)).Errors;
            foreach (var failure in failures)
            {
                // Proposal errors name project.code…; in a file the project's fields are plain columns.
                var column = failure.PropertyName.StartsWith("project.", StringComparison.Ordinal) ? failure.PropertyName["project.".Length..] : failure.PropertyName;
                Add(errors, row.Number, column, failure.ErrorMessage, unlessParseFailed: true);
            }

            var district = parsed.Project.District?.Trim();
            if (caller.Role == ApiKeyRole.District && !string.IsNullOrEmpty(district) && !string.Equals(caller.District, district, StringComparison.Ordinal))
            {
                Add(errors, row.Number, "district", $"The key of district {caller.District} imports only rows of its own district.");
            }

            // Unless the row names no unit at all, or an unknown one: that is said already.
            if (caller.IsUnit && catalog.UnitOf(parsed.Project.Unit, parsed.Project.ResponsibleUnit) != caller.Unit
                && !(string.IsNullOrWhiteSpace(parsed.Project.Unit) && string.IsNullOrWhiteSpace(parsed.Project.ResponsibleUnit)))
            {
                Add(errors, row.Number, "unit", $"The key of unit {caller.Unit} imports only rows of its own unit: give unit {caller.Unit}.", unlessParseFailed: true);
            }

            rows.Add(parsed);
            if (progress is not null)
            {
                await progress(rows.Count);
            }
        }

        await CheckCodes(rows, session, errors, ct);
        return new ImportCheck(rows, errors.ToDictionary(e => e.Key, e => e.Value.ToArray()), Catalog: catalog);
    }

    /// <summary>Registers or proposes the rows in <paramref name="session"/>; the caller commits.</summary>
    public IReadOnlyList<ImportRecords.CreatedRow> Stage(IEnumerable<ImportRow> rows, ImportKind kind, IDocumentSession session, Caller caller, StructureCatalog catalog) =>
        kind == ImportKind.Projects ? RegisterAll(rows, session, caller.WithStructure(catalog), catalog) : ProposeAll(rows, session, caller);

    /// <summary>Links the rows' milestones in <paramref name="session"/>; the caller commits, holding <see
    /// cref="Infrastructure.JobLocks.DependencyLinks"/> until then.</summary>
    public Task<IReadOnlyList<ImportRecords.CreatedRow>> StageLinks(ImportCheck check, IDocumentSession session, Caller caller, CancellationToken ct) =>
        DependencyImport.Stage(check.Links!, session, writer, check.Catalog is { } lists ? caller.WithStructure(lists) : caller, ct);

    private List<ImportRecords.CreatedRow> RegisterAll(IEnumerable<ImportRow> rows, IDocumentSession session, Caller caller, StructureCatalog catalog) =>
        [.. rows.Select(row =>
        {
            var command = row.Project.ToCommand(Guid.CreateVersion7(), catalog);
            // The same checks and decision as POST /projects, so each history starts with project-registered.
            writer.Register(session, command, caller);
            return new ImportRecords.CreatedRow(row.Number, command.ProjectId, command.Code);
        })];

    private List<ImportRecords.CreatedRow> ProposeAll(IEnumerable<ImportRow> rows, IDocumentSession session, Caller caller) =>
        [.. rows.Select(row =>
        {
            var proposal = Proposal.Pending(row.Project, row.Proposal!.Year!.Value, row.Proposal.Justification!, caller, clock.GetUtcNow());
            session.Store(proposal);
            return new ImportRecords.CreatedRow(row.Number, proposal.Id, row.Project.Code!.Trim());
        })];

    private static async Task CheckCodes(List<ImportRow> rows, IQuerySession session, Dictionary<string, List<string>> errors, CancellationToken ct)
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

    internal static ImportRow Parse(SheetRow row, ImportKind kind, JsonSerializerOptions json, Dictionary<string, List<string>> errors)
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

        // A GIS exports a geometry as GeoJSON text; the register validator then checks it as it checks a request's.
        JsonElement? Geometry(string column)
        {
            if (Cell(column) is not { } text)
            {
                return null;
            }

            try
            {
                using var document = JsonDocument.Parse(text);
                return document.RootElement.Clone();
            }
            catch (JsonException)
            {
                Add(errors, row.Number, column, $"A {column} is a GeoJSON geometry as text, e.g. {{\"type\":\"Point\",\"coordinates\":[112.45,34.62]}}.");
                return null;
            }
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

        var project = new Register.Request
        {
            Code = Cell("code"),
            Name = Cell("name"),
            Category = Typed("category", Wire<Category>),
            District = Cell("district"),
            ResponsibleUnit = Cell("responsibleUnit"),
            ContactEmail = Cell("contactEmail"),
            LeadOfficial = Cell("leadOfficial"),
            TotalInvestment = Typed("totalInvestment", t => decimal.TryParse(t, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? d : (decimal?)null),
            PlanPeriod = Typed("planPeriod", Wire<PlanPeriod>),
            TargetYear = Typed("targetYear", t => int.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out var y) ? y : (int?)null),
            Unit = Cell("unit"),
            Cluster = Cell("cluster"),
            Sector = Cell("sector"),
            System = Cell("system"),
            Programme = Cell("programme"),
            IsPublic = Typed("isPublic", ParseBool),
            Description = Cell("description"),
            Scope = Cell("scope"),
            Location = Geometry("location"),
        };
        var proposal = kind == ImportKind.Proposals
            ? new ProposeProject.Request(
                project,
                Typed("year", t => int.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out var y) ? y : (int?)null),
                Cell("justification"))
            : null;
        return new ImportRow(row.Number, project, proposal);
    }

    private static bool? ParseBool(string text) => text.ToLowerInvariant() switch
    {
        "true" or "1" or "yes" or "是" => true,
        "false" or "0" or "no" or "否" => false,
        _ => null,
    };

    internal static void Add(Dictionary<string, List<string>> errors, int row, string column, string message, bool unlessParseFailed = false)
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
}
