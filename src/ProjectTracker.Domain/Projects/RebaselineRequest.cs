namespace ProjectTracker.Domain.Projects;

public enum RebaselineStatus
{
    Pending,
    Approved,
    Rejected,
}

public sealed record RebaselineRequest
{
    public required Guid Id { get; init; }
    public required string Reason { get; init; }
    public required IReadOnlyList<RequestedBaselineChange> Changes { get; init; }
    public required Guid RequestedByKeyId { get; init; }
    public required string RequestedBy { get; init; }
    public RebaselineStatus Status { get; init; }
    public Guid? DecidedByKeyId { get; init; }
    public string? DecidedBy { get; init; }
    public string? Comment { get; init; }
}
