using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using ProjectTracker.Domain.Projects;
using ProjectTracker.Domain.Schedule;

namespace ProjectTracker.Api.Features.Dependencies;

// One document per link, kept inline, so that the whole network is read without opening every project.
public sealed record DependencyView(Guid Id, Guid ProjectId, Guid MilestoneId, Guid PredecessorProjectId, Guid PredecessorMilestoneId, int LagDays)
{
    public DependencyLink ToLink() => new(Id, new MilestoneRef(PredecessorProjectId, PredecessorMilestoneId), new MilestoneRef(ProjectId, MilestoneId), LagDays);
}

public sealed partial class DependencyProjection : EventProjection
{
    public DependencyProjection()
    {
        IncludeType<MilestoneLinked>();
        IncludeType<MilestoneUnlinked>();
    }

    public override ValueTask ApplyAsync(IDocumentOperations operations, IEvent e, CancellationToken cancellation)
    {
        switch (e.Data)
        {
            case MilestoneLinked l:
                operations.Store(new DependencyView(l.DependencyId, l.ProjectId, l.MilestoneId, l.PredecessorProjectId, l.PredecessorMilestoneId, l.LagDays));
                operations.Store(DependencyNetworkStamp.New());
                break;
            case MilestoneUnlinked u:
                operations.Delete<DependencyView>(u.DependencyId);
                operations.Store(DependencyNetworkStamp.New());
                break;
        }

        return ValueTask.CompletedTask;
    }
}
