namespace ProjectTracker.Domain.Projects;

public enum RebaselineStatus
{
    Pending,
    Approved,
    Rejected,
}

/// <summary>A rebaseline request as the project's state keeps it, to judge its decision by.</summary>
public sealed record RebaselineRequest
{
    public required Guid Id { get; init; }
    public required string Reason { get; init; }
    public required IReadOnlyList<RequestedBaselineChange> Changes { get; init; }
    /// <summary>The key that asked: it may never decide its own request.</summary>
    public required Guid RequestedByKeyId { get; init; }
    public required string RequestedBy { get; init; }
    public RebaselineStatus Status { get; init; }
    public Guid? DecidedByKeyId { get; init; }
    public string? DecidedBy { get; init; }
    public string? Comment { get; init; }
}
