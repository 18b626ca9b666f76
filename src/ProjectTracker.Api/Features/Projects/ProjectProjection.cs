using JasperFx.Events;
using Marten.Events.Aggregation;
using ProjectTracker.Domain.Projects;

namespace ProjectTracker.Api.Features.Projects;

// The domain's own Evolve, inline with every append: the stored document, FetchForWriting and as-of queries agree.
public sealed class ProjectProjection : SingleStreamProjection<Project, Guid>
{
    public override Project? Evolve(Project? snapshot, Guid id, IEvent e)
    {
        var next = Project.Evolve(snapshot, e.Data);
        if (next is null || ReferenceEquals(next, snapshot))
        {
            return next;
        }

        return next with
        {
            RegisteredAt = snapshot is null ? e.Timestamp : next.RegisteredAt,
            LastChangedAt = e.Timestamp,
        };
    }
}
