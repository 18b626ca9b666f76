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

// An advisory lock per import, held on the transaction's own connection, keeps two nodes from running one import; a
// node that stops mid-import leaves nothing written, and the import is run afresh.
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
                var unfinished = await session.Query<ImportJob>()
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

        var job = await Load(id, ct);
        if (job is null || job.IsFinished)
        {
            return;
        }

        if (job.Attempts >= options.Value.MaxAttempts)
        {
            await Fail(job, new ImportProblem(
                StatusCodes.Status500InternalServerError,
                "Import interrupted",
                $"The import was interrupted {job.Attempts} times (the server stopped or failed while running it). Nothing of it was written; send the file again.",
                null), ct);
            return;
        }

        if (!await SenderMayStillWrite(job, ct))
        {
            await Fail(job, new ImportProblem(
                StatusCodes.Status403Forbidden,
                "Forbidden",
                "The key that sent this import was revoked before the import ran. Nothing of it was written.",
                null), ct);
            return;
        }

        job.Attempts++;
        job.Status = ImportStatus.Running;
        job.StartedAt ??= clock.GetUtcNow();
        job.Phase = ImportPhase.Reading;
        job.RowsTotal = null;
        job.RowsChecked = 0;
        job.RowsWritten = 0;
        await SaveProgress(job, ct);

        await using var scope = scopes.CreateAsyncScope();
        var processor = scope.ServiceProvider.GetRequiredService<ImportProcessor>();
        try
        {
            await Import(job, connection, processor, ct);
        }
        catch (Exception e) when (Rejection(e) is { } problem)
        {
            await Fail(job, problem, ct);
        }
    }

    private async Task Import(ImportJob job, NpgsqlConnection connection, ImportProcessor processor, CancellationToken ct)
    {
        IReadOnlyList<SheetRow> sheet;
        await using (var session = store.QuerySession())
        {
            var upload = await session.LoadAsync<ImportUpload>(job.Id, ct)
                ?? throw new InvalidOperationException($"The file of import {job.Id} is missing.");
            sheet = ImportSheet.Read(upload.Content, job.MediaType, job.Kind);
        }

        job.Phase = ImportPhase.Checking;
        job.RowsTotal = sheet.Count;
        await SaveProgress(job, ct);
        var caller = job.Submitter;
        ImportCheck check;
        await using (var session = store.QuerySession())
        {
            var stored = Stopwatch.StartNew();
            check = await processor.Check(sheet, job.Kind, caller, session, async checkedRows =>
            {
                job.RowsChecked = checkedRows;
                if (stored.Elapsed >= ProgressEvery)
                {
                    await SaveProgress(job, ct);
                    stored.Restart();
                }
            }, ct);
        }

        if (check.Errors.Count > 0)
        {
            await Fail(job, new ImportProblem(StatusCodes.Status400BadRequest, "One or more fields are not valid.", null, check.Errors), ct);
            return;
        }

        job.Phase = ImportPhase.Writing;
        await SaveProgress(job, ct);
        var created = new List<ImportRecords.CreatedRow>(check.Rows.Count);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        foreach (var batch in check.Rows.Chunk(options.Value.WriteBatchRows))
        {
            await using var session = OpenSession(transaction, job);
            created.AddRange(processor.Stage(batch, job.Kind, session, caller));
            await session.SaveChangesAsync(ct);
            // Stored apart from the import's transaction, so that pollers see it while the rows stay invisible.
            job.RowsWritten += batch.Length;
            await SaveProgress(job, ct);
        }

        job.Status = ImportStatus.Succeeded;
        job.Phase = null;
        job.FinishedAt = clock.GetUtcNow();
        job.Result = new ImportRecords.Response(ImportRecords.Wire(job.Kind), check.Rows.Count, created);
        await using (var session = OpenSession(transaction, job))
        {
            // The outcome commits with the rows: an import is never written without being marked done, nor the reverse.
            session.Store(job);
            session.Delete<ImportUpload>(job.Id);
            await session.SaveChangesAsync(ct);
        }

        await transaction.CommitAsync(ct);
        LogImported(job.Id, check.Rows.Count, job.Kind);
    }

    private IDocumentSession OpenSession(NpgsqlTransaction transaction, ImportJob job)
    {
        var session = store.LightweightSession(SessionOptions.ForTransaction(transaction, shouldAutoCommit: false));
        session.LastModifiedBy = job.SubmittedBy;
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
    private async Task<bool> SenderMayStillWrite(ImportJob job, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        return await session.LoadAsync<ApiKey>(job.SubmittedByKeyId, ct) is { RevokedAt: null };
    }

    private async Task<ImportJob?> Load(Guid id, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        return await session.LoadAsync<ImportJob>(id, ct);
    }

    private async Task SaveProgress(ImportJob job, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        session.Store(job);
        await session.SaveChangesAsync(ct);
    }

    private async Task Fail(ImportJob job, ImportProblem problem, CancellationToken ct)
    {
        job.Status = ImportStatus.Failed;
        job.Problem = problem;
        job.FinishedAt = clock.GetUtcNow();
        await using var session = store.LightweightSession();
        session.Store(job);
        session.Delete<ImportUpload>(job.Id);
        await session.SaveChangesAsync(ct);
        LogImportFailed(job.Id, problem.Status, problem.Title);
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
