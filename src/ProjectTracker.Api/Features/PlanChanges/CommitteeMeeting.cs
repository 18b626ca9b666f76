namespace ProjectTracker.Api.Features.PlanChanges;

// 规划委员会: decisions name the meeting that took them, and the meeting's minutes are those decisions.
public sealed record CommitteeMeeting(Guid Id, DateOnly Date, string Title, string RecordedBy, DateTimeOffset RecordedAt)
{
    public const int MaxTitleLength = 200;
}
