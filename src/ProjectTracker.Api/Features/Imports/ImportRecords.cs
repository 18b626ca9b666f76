using System.Security.Claims;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using ProjectTracker.Api.Features.Access;
using ProjectTracker.Api.Infrastructure;

namespace ProjectTracker.Api.Features.Imports;

// Every row is checked by the single endpoint's rules first, then all rows are written in one transaction or none is;
// small files within the request, large ones (or any, when the client prefers) in the background.
public static class ImportRecords
{
    public const string RespondAsync = "respond-async";

    public sealed record CreatedRow(int Row, Guid Id, string Code);

    public sealed record Response(string Kind, int Rows, IReadOnlyList<CreatedRow> Created);

    public static void Map(IEndpointRouteBuilder imports, ImportOptions options) =>
        imports.MapPost("/", Handle)
            .RequireAuthorization(Policies.Writer)
            .Accepts<byte[]>(ImportSheet.Csv, ImportSheet.Xlsx)
            // Files may be larger than other requests; the handler sends the large ones to the background.
            .WithMetadata(new RequestSizeLimitAttribute(options.MaxFileBytes))
            .WithName("ImportRecords")
            .WithSummary("Import projects, proposals or milestone dependencies from a CSV or xlsx file")
            .WithDescription("""
                The raw body is the file (`text/csv` in UTF-8, with or without BOM, or an xlsx workbook), at most 16 MB
                (`Imports:MaxFileBytes`). The first row names the columns: the fields of `POST /api/v1/projects`, `location` as
                GeoJSON text (`{"type":"Point","coordinates":[112.45,34.62]}`) (for `kind=proposals` also `year` and
                `justification`). For `kind=dependencies` each row makes a milestone
                wait for another, as `POST …/milestones/{milestoneId}/dependencies` does: `code` and `milestone` (the
                project's unified code and the milestone's name), `predecessorCode` (empty: the same project),
                `predecessorMilestone` and `lagDays` (0–3650, default 0); a link that already exists with the same lag is
                skipped, so a sheet may be imported again. All rows are checked first; errors are named
                `rows[N].field` where N is the row number in the file (the header is row 1, the first data row is 2).
                Nothing is written unless every row is good; then all rows are written in one transaction. A district key
                imports only rows of its own district (else an error on `rows[N].district`), a unit key only rows of its own
                unit, `unit` or a `responsibleUnit` that is the unit's name (else `rows[N].unit`); each links only milestones
                of its own projects (else `rows[N].code`).

                A file up to 1 MB (`Limits:MaxRequestBodyBytes`) is imported within the request: `201` with the created
                rows, or `400` with every bad cell. A larger file, or any file sent with `Prefer: respond-async`, is
                accepted for the background: `202` with `Location: /api/v1/imports/{id}`, where its progress (rows
                checked, rows written, percent) and finally the same result or problem can be polled.
                """)
            .Produces<ImportView>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

    public static async Task<Results<Created<Response>, Accepted<ImportView>, ValidationProblem, ProblemHttpResult>> Handle(
        [AsParameters] ImportSheet.KindQuery query,
        HttpRequest request,
        HttpResponse response,
        ClaimsPrincipal user,
        IDocumentSession session,
        ImportProcessor processor,
        ImportQueue queue,
        IOptions<RequestLimitOptions> limits,
        JobLocks locks,
        TimeProvider clock,
        CancellationToken ct)
    {
        var importKind = ImportSheet.KindOf(query.Kind)!.Value;
        if (ImportSheet.SupportedMediaType(request.ContentType) is not { } mediaType)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Unsupported media type",
                detail: $"Send the file as {ImportSheet.Csv} or {ImportSheet.Xlsx}.");
        }

        var caller = user.Caller();
        var file = await ReadFile(request, ct);
        var prefersAsync = PrefersAsync(request);
        if (prefersAsync || file.Length > limits.Value.MaxRequestBodyBytes)
        {
            var import = new BackgroundImport
            {
                Id = Guid.CreateVersion7(),
                Kind = importKind,
                MediaType = mediaType,
                Bytes = file.Length,
                Status = ImportStatus.Queued,
                SubmittedByKeyId = caller.KeyId,
                SubmittedBy = caller.Name,
                SubmittedRole = caller.Role,
                SubmittedDistrict = caller.District,
                SubmittedUnit = caller.Unit,
                SubmittedAt = clock.GetUtcNow(),
            };
            session.Store(import);
            session.Store(new ImportUpload { Id = import.Id, Content = file });
            await session.SaveChangesAsync(ct);
            // Under an Idempotency-Key the import commits with the answer, after this: the worker must not look before.
            IdempotencyScope.AfterCommit(request.HttpContext, () => queue.Enqueue(import.Id));
            if (prefersAsync)
            {
                response.Headers["Preference-Applied"] = RespondAsync;
            }

            response.Headers.RetryAfter = "1";
            return TypedResults.Accepted($"/api/v1/imports/{import.Id}", ImportView.From(import));
        }

        var sheet = ImportSheet.Read(file, mediaType, importKind);
        var check = await processor.Check(sheet, importKind, caller, session, progress: null, ct);
        if (check.Errors.Count > 0)
        {
            return TypedResults.ValidationProblem(check.Errors, title: "One or more fields are not valid.");
        }

        IReadOnlyList<CreatedRow> created;
        if (importKind == ImportKind.Dependencies)
        {
            // Held until the request is over, so also while an Idempotency-Key's transaction commits the links.
            response.RegisterForDisposeAsync(await locks.Acquire(JobLocks.DependencyLinks, ct));
            created = await processor.StageLinks(check, session, caller, ct);
        }
        else
        {
            created = processor.Stage(check.Rows, importKind, session, caller, check.Catalog!);
        }

        await session.SaveChangesAsync(ct);
        var answer = new Response(Wire(importKind), check.RowCount, created);
        return TypedResults.Created(importKind switch
        {
            ImportKind.Projects => "/api/v1/projects",
            ImportKind.Proposals => "/api/v1/proposals",
            _ => null,
        }, answer);
    }

    public static string Wire(ImportKind kind) => kind switch
    {
        ImportKind.Projects => "projects",
        ImportKind.Proposals => "proposals",
        _ => "dependencies",
    };

    /// <summary>RFC 7240: <c>Prefer: respond-async</c>, possibly among other preferences.</summary>
    private static bool PrefersAsync(HttpRequest request) =>
        request.Headers["Prefer"].SelectMany(v => (v ?? "").Split(',')).Any(p =>
            string.Equals(p.Split(';')[0].Trim(), RespondAsync, StringComparison.OrdinalIgnoreCase));

    private static async Task<byte[]> ReadFile(HttpRequest request, CancellationToken ct)
    {
        // The endpoint's size limit (Imports:MaxFileBytes) bounds this copy; Kestrel answers 413 beyond it.
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, ct);
        return buffer.ToArray();
    }
}
