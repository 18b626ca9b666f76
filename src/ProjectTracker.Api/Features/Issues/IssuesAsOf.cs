using Marten;
using ProjectTracker.Domain.Issues;

namespace ProjectTracker.Api.Features.Issues;

public static class IssuesAsOf
{
    /// <summary>Every issue raised by the day, as it stood at the instant: the stored documents when it is now (null).</summary>
    public static async Task<IReadOnlyList<Issue>> Read(IQuerySession session, DateTimeOffset? asOf, DateOnly day, CancellationToken ct)
    {
        var stored = await session.Query<Issue>().Where(i => i.RaisedOn <= day).ToListAsync(ct);
        if (asOf is not { } instant)
        {
            return stored;
        }

        // As the streams stood then: an issue closed since was still open, one reopened since was still closed.
        var issues = new List<Issue>(stored.Count);
        foreach (var issue in stored.Where(i => i.RaisedAt <= instant))
        {
            if (await session.Events.AggregateStreamAsync<Issue>(issue.Id, timestamp: instant, token: ct) is { } then)
            {
                issues.Add(then);
            }
        }

        return issues;
    }
}
