using Marten;
using ProjectTracker.Domain.Portfolio;

namespace ProjectTracker.Api.Features.Portfolio;

/// <summary>
/// The supervised issues (督办) the rankings and the weekly report count for 问题办结率: every issue that by the day
/// was closed, or is open past its due date. The issues feature registers its own; until then there are none, and the
/// ranking rule weighs the other figures.</summary>
public interface IIssueOutcomes
{
    /// <param name="asOf">The instant the portfolio is read as of; null for now.</param>
    /// <param name="day">The day (Asia/Shanghai) the issues are judged on: due dates before it have passed.</param>
    Task<IReadOnlyList<IssueOutcome>> Read(IQuerySession session, DateTimeOffset? asOf, DateOnly day, CancellationToken ct);
}

public sealed class NoIssueOutcomes : IIssueOutcomes
{
    public Task<IReadOnlyList<IssueOutcome>> Read(IQuerySession session, DateTimeOffset? asOf, DateOnly day, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<IssueOutcome>>([]);
}
