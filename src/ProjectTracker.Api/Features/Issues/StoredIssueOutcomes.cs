using Marten;
using ProjectTracker.Api.Features.Portfolio;
using ProjectTracker.Domain.Issues;
using ProjectTracker.Domain.Portfolio;

namespace ProjectTracker.Api.Features.Issues;

/// <summary>Each issue counted by 问题办结率 on the day, for the unit it was assigned to.</summary>
public sealed class StoredIssueOutcomes : IIssueOutcomes
{
    public async Task<IReadOnlyList<IssueOutcome>> Read(IQuerySession session, DateTimeOffset? asOf, DateOnly day, CancellationToken ct) =>
        [.. (await Issues(session, asOf, day, ct))
            .Where(i => i.DueDate <= day || i.Status == IssueStatus.Closed)
            .Select(i => new IssueOutcome(i.ProjectId, i.Unit, i.ClosedOnTime))];

    public async Task<IReadOnlyList<Issue>> Issues(IQuerySession session, DateTimeOffset? asOf, DateOnly day, CancellationToken ct)
    {
        var stored = await session.Query<Issue>().Where(i => i.RaisedOn <= day).ToListAsync(ct);
        var issues = new List<Issue>(stored.Count);
        if (asOf is not { } instant)
        {
            issues.AddRange(stored);
        }
        else
        {
            // As the streams stood then: an issue closed since was still open, one reopened since was still closed.
            foreach (var issue in stored.Where(i => i.RaisedAt <= instant))
            {
                if (await session.Events.AggregateStreamAsync<Issue>(issue.Id, timestamp: instant, token: ct) is { } then)
                {
                    issues.Add(then);
                }
            }
        }

        return issues;
    }
}
