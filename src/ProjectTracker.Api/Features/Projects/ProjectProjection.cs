using JasperFx.Events;
using Marten.Events.Aggregation;
using ProjectTracker.Domain.Projects;

namespace ProjectTracker.Api.Features.Projects;

/// <summary>
/// Folds a project's stream with the domain's own Evolve, inline with every append, so the
/// stored document, FetchForWriting and as-of queries all see the same state.</summary>
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
