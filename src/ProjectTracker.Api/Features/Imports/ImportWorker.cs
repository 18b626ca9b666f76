using System.Diagnostics;
using System.Threading.Channels;
using Marten;
using Microsoft.Extensions.Options;
using Npgsql;
using ProjectTracker.Api.Features.Access;
using ProjectTracker.Api.Infrastructure;
using ProjectTracker.Domain;
using SessionOptions = Marten.Services.SessionOptions;

namespace ProjectTracker.Api.Features.Imports;

public sealed class ImportQueue
{
    private readonly Channel<Guid> channel = Channel.CreateUnbounded<Guid>();

    public void Enqueue(Guid importId) => channel.Writer.TryWrite(importId);

    public IAsyncEnumerable<Guid> ReadAll(CancellationToken ct) => channel.Reader.ReadAllAsync(ct);
}

// An advisory lock per import keeps two nodes from running one; a node that stops mid-import leaves nothing written.
public sealed partial class ImportWorker(
    ImportQueue queue,
    IDocumentStore store,
    JobLocks locks,
    IServiceScopeFactory scopes,
    TimeProvider clock,
    IOptions<ImportOptions> options,
    ILogger<ImportWorker> logger) : BackgroundService
{
    // A progress write per row would cost more than the check.
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromMilliseconds(250);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var adopting = AdoptUnfinished(stoppingToken);
        try
        {
            await foreach (var id in queue.ReadAll(stoppingToken))
            {
                try
                {
                    await Run(id, stoppingToken);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    // Left queued or running: the adoption pass runs it again, up to Imports:MaxAttempts.
                    LogImportCrashed(e, id);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: an import cut short rolls back and is adopted again by the next node to start.
        }

        await adopting;
    }

    private async Task AdoptUnfinished(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await using var session = store.QuerySession();
                var unfinished = await session.Query<BackgroundImport>()
                    .Where(j => j.Status == ImportStatus.Queued || j.Status == ImportStatus.Running)
                    .Select(j => j.Id)
                    .ToListAsync(ct);
                foreach (var id in unfinished)
                {
                    queue.Enqueue(id);
                }
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                LogAdoptionFailed(e);
            }

            try
            {
                // Real time, not the app's clock: this is a poll interval, and a test's frozen clock would stop it.
                await Task.Delay(options.Value.AdoptEvery, TimeProvider.System, ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public async Task Run(Guid id, CancellationToken ct)
    {
        await using var connection = await locks.TryAcquire(LockKey(id), ct);
        if (connection is null)
        {
            return;
        }

        var import = await Load(id, ct);
        if (import is null || import.IsFinished)
        {
            return;
        }

        if (import.Attempts >= options.Value.MaxAttempts)
        {
            await Fail(import, new ImportProblem(
                StatusCodes.Status500InternalServerError,
                "Import interrupted",
                $"The import was interrupted {import.Attempts} times (the server stopped or failed while running it). Nothing of it was written; send the file again.",
                null), ct);
            return;
        }

        if (!await SenderMayStillWrite(import, ct))
        {
            await Fail(import, new ImportProblem(
                StatusCodes.Status403Forbidden,
                "Forbidden",
                "The key that sent this import was revoked before the import ran. Nothing of it was written.",
                null), ct);
            return;
        }

        import.Attempts++;
        import.Status = ImportStatus.Running;
        import.StartedAt ??= clock.GetUtcNow();
        import.Phase = ImportPhase.Reading;
        import.RowsTotal = null;
        import.RowsChecked = 0;
        import.RowsWritten = 0;
        await SaveProgress(import, ct);

        await using var scope = scopes.CreateAsyncScope();
        var processor = scope.ServiceProvider.GetRequiredService<ImportProcessor>();
        try
        {
            await Import(import, connection, processor, ct);
        }
        catch (Exception e) when (Rejection(e) is { } problem)
        {
            await Fail(import, problem, ct);
        }
    }

    private async Task Import(BackgroundImport import, NpgsqlConnection connection, ImportProcessor processor, CancellationToken ct)
    {
        IReadOnlyList<SheetRow> sheet;
        await using (var session = store.QuerySession())
        {
            var upload = await session.LoadAsync<ImportUpload>(import.Id, ct)
                ?? throw new InvalidOperationException($"The file of import {import.Id} is missing.");
            sheet = ImportSheet.Read(upload.Content, import.MediaType, import.Kind);
        }

        import.Phase = ImportPhase.Checking;
        import.RowsTotal = sheet.Count;
        await SaveProgress(import, ct);
        var caller = import.Submitter;
        ImportCheck check;
        await using (var session = store.QuerySession())
        {
            var stored = Stopwatch.StartNew();
            check = await processor.Check(sheet, import.Kind, caller, session, async checkedRows =>
            {
                import.RowsChecked = checkedRows;
                if (stored.Elapsed >= ProgressEvery)
                {
                    await SaveProgress(import, ct);
                    stored.Restart();
                }
            }, ct);
        }

        if (check.Errors.Count > 0)
        {
            await Fail(import, new ImportProblem(StatusCodes.Status400BadRequest, "One or more fields are not valid.", null, check.Errors), ct);
            return;
        }

        import.Phase = ImportPhase.Writing;
        await SaveProgress(import, ct);
        var created = new List<ImportRecords.CreatedRow>(check.RowCount);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        // Held through the commit below: the links are judged against the network as it is while nobody else links.
        await using var linking = check.Links is null ? null : await locks.Acquire(JobLocks.DependencyLinks, ct);
        if (check.Links is { } links)
        {
            await using var session = OpenSession(transaction, import);
            created.AddRange(await processor.StageLinks(check, session, caller, ct));
            await session.SaveChangesAsync(ct);
            import.RowsWritten = links.Count;
            await SaveProgress(import, ct);
        }

        foreach (var batch in check.Rows.Chunk(options.Value.WriteBatchRows))
        {
            await using var session = OpenSession(transaction, import);
            created.AddRange(processor.Stage(batch, import.Kind, session, caller, check.Catalog!));
            await session.SaveChangesAsync(ct);
            // Stored apart from the import's transaction, so that pollers see it while the rows stay invisible.
            import.RowsWritten += batch.Length;
            await SaveProgress(import, ct);
        }

        import.Status = ImportStatus.Succeeded;
        import.Phase = null;
        import.FinishedAt = clock.GetUtcNow();
        import.Result = new ImportOutcome(ImportRecords.Wire(import.Kind), check.RowCount, [.. created.Select(c => new ImportedRow(c.Row, c.Id, c.Code))]);
        await using (var session = OpenSession(transaction, import))
        {
            // The outcome commits with the rows: an import is never written without being marked done, nor the reverse.
            session.Store(import);
            session.Delete<ImportUpload>(import.Id);
            await session.SaveChangesAsync(ct);
        }

        await transaction.CommitAsync(ct);
        LogImported(import.Id, check.RowCount, import.Kind);
    }

    private IDocumentSession OpenSession(NpgsqlTransaction transaction, BackgroundImport import)
    {
        var session = store.LightweightSession(SessionOptions.ForTransaction(transaction, shouldAutoCommit: false));
        session.LastModifiedBy = import.SubmittedBy;
        return session;
    }

    private static ImportProblem? Rejection(Exception e)
    {
        if (e is not (DomainException or BadInputException or AccessDeniedException) && !ErrorHandling.IsConflict(e))
        {
            return null;
        }

        var problem = ErrorHandling.Describe(e);
        var errors = problem is HttpValidationProblemDetails validation ? validation.Errors.ToDictionary() : null;
        return new ImportProblem(problem.Status ?? StatusCodes.Status400BadRequest, problem.Title ?? "Import failed", problem.Detail, errors);
    }

    // Revocation is immediate for requests; an import accepted earlier but not yet run must not outlive it either.
    private async Task<bool> SenderMayStillWrite(BackgroundImport import, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        return await session.LoadAsync<ApiKey>(import.SubmittedByKeyId, ct) is { RevokedAt: null };
    }

    private async Task<BackgroundImport?> Load(Guid id, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        return await session.LoadAsync<BackgroundImport>(id, ct);
    }

    private async Task SaveProgress(BackgroundImport import, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        session.Store(import);
        await session.SaveChangesAsync(ct);
    }

    private async Task Fail(BackgroundImport import, ImportProblem problem, CancellationToken ct)
    {
        import.Status = ImportStatus.Failed;
        import.Problem = problem;
        import.FinishedAt = clock.GetUtcNow();
        await using var session = store.LightweightSession();
        session.Store(import);
        session.Delete<ImportUpload>(import.Id);
        await session.SaveChangesAsync(ct);
        LogImportFailed(import.Id, problem.Status, problem.Title);
    }

    // The high bits name imports, the low bits come from the id's random part.
    private static long LockKey(Guid id) => JobLocks.Imports ^ (BitConverter.ToInt64(id.ToByteArray(), 8) & 0xFFFF_FFFF);

    [LoggerMessage(Level = LogLevel.Information, Message = "Import {ImportId} wrote {Rows} {Kind}.")]
    private partial void LogImported(Guid importId, int rows, ImportKind kind);

    [LoggerMessage(Level = LogLevel.Information, Message = "Import {ImportId} failed: {Status} {Title}.")]
    private partial void LogImportFailed(Guid importId, int status, string title);

    [LoggerMessage(Level = LogLevel.Error, Message = "Import {ImportId} stopped with a server error; it will be run again.")]
    private partial void LogImportCrashed(Exception exception, Guid importId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Looking for unfinished imports failed; trying again later.")]
    private partial void LogAdoptionFailed(Exception exception);
}
