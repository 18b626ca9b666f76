using Marten;
using Microsoft.Extensions.Options;
using ProjectTracker.Api.Features.Dependencies;
using ProjectTracker.Api.Features.Structure;
using ProjectTracker.Domain.Projects;
using ProjectTracker.Domain.Schedule;
using ProjectTracker.Domain.Structure;

namespace ProjectTracker.Api.Features.Projects;

/// <param name="ReachesOut">Linked to a milestone in another project, so its dates move with writes to other streams.</param>
public sealed record ShownProject(ProjectResponse Response, bool ReachesOut, Guid NetworkStamp, Guid StructureStamp);

// Every project is shown judged over the dependency network, its predecessors and successors read wherever they are.
public sealed class ProjectView(TimeProvider clock, IOptions<StatusThresholds> thresholds, DependencyNetwork network, StructureCatalogs catalogs)
{
    public DateOnly Today => ShanghaiCalendar.Today(clock);

    public StatusThresholds Thresholds => thresholds.Value;

    // As it stood on a past day: its links to other projects are left out, for those projects are not rebuilt to then.
    public async Task<ProjectResponse> ShowAlone(IQuerySession session, Project project, DateOnly assessedOn, CancellationToken ct) =>
        ProjectResponse.From(project, assessedOn, StatusRules.Assess(project, assessedOn, thresholds.Value, ScheduleBoundary.None), (await catalogs.Current(session, ct)).Place(project.Profile));

    public Task<ShownProject> Shown(IQuerySession session, Project project, CancellationToken ct) => Shown(session, project, placed: true, ct);

    public async Task<ProjectResponse> Show(IQuerySession session, Project project, CancellationToken ct) =>
        (await Shown(session, project, ct)).Response;

    // A milestone's answer has no place in the lists: the lists are not read for it.
    public async Task<MilestoneResponse> Show(IQuerySession session, Project project, Guid milestoneId, CancellationToken ct) =>
        (await Shown(session, project, placed: false, ct)).Response.Milestones.Single(m => m.Id == milestoneId);

    public async Task<IReadOnlyList<ProjectResponse>> Show(IQuerySession session, IReadOnlyList<Project> projects, DateOnly day, CancellationToken ct)
    {
        var assessed = await Assess(session, projects, day, ct);
        var catalog = await catalogs.Current(session, ct);
        return [.. projects.Select(p => ProjectResponse.From(p, day, assessed[p.Id], catalog.Place(p.Profile)))];
    }

    /// <summary>Each project judged on the day, over the network with everything up- and downstream of it.</summary>
    public async Task<IReadOnlyDictionary<Guid, ProjectAssessment>> Assess(IQuerySession session, IReadOnlyCollection<Project> projects, DateOnly day, CancellationToken ct)
    {
        var boundaries = await DependencyNetwork.Boundaries(session, await network.Current(session, ct), projects, day, ct);
        return projects.ToDictionary(p => p.Id, p => StatusRules.Assess(p, day, thresholds.Value, boundaries[p.Id]));
    }

    private async Task<ShownProject> Shown(IQuerySession session, Project project, bool placed, CancellationToken ct)
    {
        var today = Today;
        var links = await network.Current(session, ct);
        var lists = placed ? await catalogs.Read(session, ct) : new StructureLists(Guid.Empty, StructureCatalog.Empty);
        var reachesOut = links.ReachesOut(project.Id);
        var boundary = reachesOut ? (await DependencyNetwork.Boundaries(session, links, [project], today, ct))[project.Id] : ScheduleBoundary.None;
        var response = ProjectResponse.From(project, today, StatusRules.Assess(project, today, thresholds.Value, boundary), lists.Catalog.Place(project.Profile));
        return new ShownProject(response, reachesOut, links.Stamp, lists.Stamp);
    }
}
