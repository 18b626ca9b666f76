using JasperFx.Events;
using Marten.Events.Aggregation;
using ProjectTracker.Domain.Issues;

namespace ProjectTracker.Api.Features.Issues;

// The domain's own Evolve, inline, plus who and when from the metadata: lists, FetchForWriting and as-of reads agree.
public sealed class IssueProjection : SingleStreamProjection<Issue, Guid>
{
    public IssueProjection()
    {
        // Project streams share the store: only an issue's own events make or change an issue.
        IncludeType<IssueRaised>();
        IncludeType<IssueResolved>();
        IncludeType<IssueClosed>();
        IncludeType<IssueReopened>();
        IncludeType<IssueEscalated>();
    }

    public override Issue? Evolve(Issue? snapshot, Guid id, IEvent e)
    {
        var next = Issue.Evolve(snapshot, e.Data);
        if (next is null || ReferenceEquals(next, snapshot))
        {
            return next;
        }

        var by = string.IsNullOrEmpty(e.UserName) ? null : e.UserName;
        next = next with { RaisedAt = snapshot is null ? e.Timestamp : next.RaisedAt, LastChangedAt = e.Timestamp };
        return e.Data switch
        {
            IssueRaised => next with { RaisedBy = by },
            IssueResolved => next with { ResolvedBy = by },
            IssueClosed => next with { ClosedBy = by },
            IssueReopened => next with { ResolvedBy = null, ClosedBy = null },
            _ => next,
        };
    }
}
