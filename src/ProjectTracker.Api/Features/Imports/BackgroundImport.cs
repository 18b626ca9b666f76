using System.Text.Json.Serialization;
using ProjectTracker.Api.Features.Access;

namespace ProjectTracker.Api.Features.Imports;

public sealed class ImportOptions
{
    public const string Section = "Imports";

    /// <summary>The largest import file accepted (413 beyond). Files up to <c>Limits:MaxRequestBodyBytes</c> are
    /// imported within the request unless the client asks otherwise; larger ones always in the background.</summary>
    public long MaxFileBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Rows registered per round trip inside the import's one transaction; after each, the progress is stored.</summary>
    public int WriteBatchRows { get; set; } = 500;

    /// <summary>How often a node looks for background imports that no node is running (a node stopped mid-import).</summary>
    public TimeSpan AdoptEvery { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Runs before an interrupted import is given up as failed (nothing of it is written either way).</summary>
    public int MaxAttempts { get; set; } = 3;

    public bool IsValid() => MaxFileBytes > 0 && WriteBatchRows > 0 && AdoptEvery > TimeSpan.Zero && MaxAttempts > 0;
}

public enum ImportStatus
{
    Queued,
    Running,
    Succeeded,
    Failed,
}

/// <summary>Where a running import is: reading the file, checking every row, or writing them all in one transaction.</summary>
public enum ImportPhase
{
    Reading,
    Checking,
    Writing,
}

// What a finished import created, as stored: the shape of the answer it is shown as, but not the answer's type.
public sealed record ImportOutcome(string Kind, int Rows, IReadOnlyList<ImportedRow> Created);

public sealed record ImportedRow(int Row, Guid Id, string Code);

/// <summary>Why an import failed, as the problem the synchronous import would have answered.</summary>
public sealed record ImportProblem(int Status, string Title, string? Detail, IReadOnlyDictionary<string, string[]>? Errors);

// Stored when the file is accepted, so an import is never lost with the node that accepted it; any node may run it.
public sealed class BackgroundImport
{
    public Guid Id { get; set; }

    public ImportKind Kind { get; set; }

    public string MediaType { get; set; } = "";

    public long Bytes { get; set; }

    public ImportStatus Status { get; set; }

    public ImportPhase? Phase { get; set; }

    public int? RowsTotal { get; set; }

    public int RowsChecked { get; set; }

    public int RowsWritten { get; set; }

    public int Attempts { get; set; }

    public Guid SubmittedByKeyId { get; set; }

    public string SubmittedBy { get; set; } = "";

    public ApiKeyRole SubmittedRole { get; set; }

    public string? SubmittedDistrict { get; set; }

    public string? SubmittedUnit { get; set; }

    public DateTimeOffset SubmittedAt { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    public ImportOutcome? Result { get; set; }

    public ImportProblem? Problem { get; set; }

    [JsonIgnore]
    public bool IsFinished => Status is ImportStatus.Succeeded or ImportStatus.Failed;

    [JsonIgnore]
    public Caller Submitter => new(SubmittedByKeyId, SubmittedBy, SubmittedRole, SubmittedDistrict, Unit: SubmittedUnit);

    /// <summary>Checking and writing are each half of the work.</summary>
    [JsonIgnore]
    public int Percent => Status == ImportStatus.Succeeded ? 100
        : RowsTotal is > 0 and var total ? (int)((RowsChecked + RowsWritten) * 100L / (2L * total))
        : 0;
}

/// <summary>The file of a background import, kept apart from its progress so that polling never loads it; deleted when the import ends.</summary>
public sealed class ImportUpload
{
    public Guid Id { get; set; }

    public byte[] Content { get; set; } = [];
}
