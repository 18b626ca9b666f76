using Marten;
using ProjectTracker.Domain.Portfolio;

namespace ProjectTracker.Api.Features.Portfolio;

/// <summary>
/// The supervised issues (督办) the rankings and the weekly report count for 问题办结率: every issue that by the day
/// was closed, or is past its due date (as <see cref="Domain.Issues.IssueCounts"/> counts them). Where there are none,
/// the ranking rule weighs the other figures.</summary>
public interface IIssueOutcomes
{
    /// <param name="asOf">The instant the portfolio is read as of; null for now.</param>
    /// <param name="day">The day (Asia/Shanghai) the issues are judged on: due dates before it have passed.</param>
    Task<IReadOnlyList<IssueOutcome>> Read(IQuerySession session, DateTimeOffset? asOf, DateOnly day, CancellationToken ct);

    /// <summary>Every issue raised by the day, as it stood at the instant (now when null).</summary>
    Task<IReadOnlyList<Domain.Issues.Issue>> Issues(IQuerySession session, DateTimeOffset? asOf, DateOnly day, CancellationToken ct);
}
