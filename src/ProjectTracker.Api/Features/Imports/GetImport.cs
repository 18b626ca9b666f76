using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using ProjectTracker.Api.Features.Access;
using ProjectTracker.Api.Infrastructure;

namespace ProjectTracker.Api.Features.Imports;

/// <summary>A background import as its sender sees it: how far it has got, and how it ended.</summary>
/// <param name="Percent">Checking the rows is the first half of the work, writing them the second.</param>
/// <param name="Result">When succeeded: what the import within the request would have answered with 201.</param>
/// <param name="Problem">When failed: the problem the import within the request would have answered (400 with every bad cell, 409…).</param>
public sealed record ImportView(
    Guid Id,
    string Kind,
    ImportStatus Status,
    ImportPhase? Phase,
    long Bytes,
    int? RowsTotal,
    int RowsChecked,
    int RowsWritten,
    int Percent,
    int Attempts,
    string SubmittedBy,
    DateTimeOffset SubmittedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    ImportRecords.Response? Result,
    ImportProblem? Problem)
{
    public static ImportView From(BackgroundImport import) => new(
        import.Id,
        ImportRecords.Wire(import.Kind),
        import.Status,
        import.Phase,
        import.Bytes,
        import.RowsTotal,
        import.RowsChecked,
        import.RowsWritten,
        import.Percent,
        import.Attempts,
        import.SubmittedBy,
        import.SubmittedAt,
        import.StartedAt,
        import.FinishedAt,
        import.Result is { } result
            ? new ImportRecords.Response(result.Kind, result.Rows, [.. result.Created.Select(c => new ImportRecords.CreatedRow(c.Row, c.Id, c.Code))])
            : null,
        import.Problem);
}

public static class GetImport
{
    public static void Map(IEndpointRouteBuilder imports) =>
        imports.MapGet("/{id:guid}", Handle)
            .RequireAuthorization(Policies.Writer)
            .WithName("GetImport")
            .WithSummary("Follow a background import")
            .WithDescription("""
                `status` is `queued`, `running`, `succeeded` or `failed`; while running, `phase` (`reading`, `checking`,
                `writing`), `rowsChecked`, `rowsWritten` and `percent` show how far it has got. Nothing of the file is
                visible elsewhere before it has succeeded. `result` then holds the created rows; `problem` holds why it
                failed, with every bad cell named `rows[N].field` as in the 400 of an import within the request. While it
                runs the answer carries `Retry-After`. Visible to the key that sent it and to admin keys (404 for others).
                """)
            .ProducesProblem(StatusCodes.Status403Forbidden);

    public static async Task<Results<Ok<ImportView>, NotFound>> Handle(Guid id, ClaimsPrincipal user, IQuerySession session, HttpResponse response, CancellationToken ct)
    {
        var caller = user.Caller();
        var import = await session.LoadAsync<BackgroundImport>(id, ct);
        if (import is null || (!caller.IsAdmin && import.SubmittedByKeyId != caller.KeyId))
        {
            return TypedResults.NotFound();
        }

        if (!import.IsFinished)
        {
            response.Headers.RetryAfter = "1";
        }

        return TypedResults.Ok(ImportView.From(import));
    }
}
