using ProjectTracker.Domain.Projects;

namespace ProjectTracker.Domain.Schedule;

/// <param name="SlipDays">How late it is expected against its own baseline.</param>
public sealed record OutsidePredecessor(string Name, DateOnly ExpectedDate, int SlipDays);

/// <summary>What the rest of the network says about one project's milestones.</summary>
/// <param name="Predecessors">Each predecessor in another project that counts, with its expected date.</param>
/// <param name="LatestForSuccessors">The latest each milestone may be done so that its successors in other projects hold.</param>
/// <param name="Successors">Each milestone's successors in other projects.</param>
public sealed record ScheduleBoundary(
    IReadOnlyDictionary<MilestoneRef, OutsidePredecessor> Predecessors,
    IReadOnlyDictionary<Guid, DateOnly> LatestForSuccessors,
    ILookup<Guid, MilestoneRef> Successors)
{
    public static ScheduleBoundary None { get; } = new(
        new Dictionary<MilestoneRef, OutsidePredecessor>(), new Dictionary<Guid, DateOnly>(), Array.Empty<MilestoneRef>().ToLookup(_ => Guid.Empty));
}

/// <param name="DrivenBy">The predecessor that sets the expected date, when one pushes it past the milestone's own date.</param>
/// <param name="DrivenBySlipDays">How late that predecessor is expected against its own baseline.</param>
public sealed record MilestoneSchedule(
    Guid MilestoneId,
    DateOnly ExpectedDate,
    int KnockOnDays,
    MilestoneRef? DrivenBy,
    string? DrivenByName,
    int DrivenBySlipDays,
    DateOnly? LatestDate,
    int? TotalFloatDays,
    bool IsCritical,
    IReadOnlyList<MilestoneRef> Successors);

/// <summary>One project's milestones scheduled over the network: its own forecasts, its predecessors anywhere, its target and its successors anywhere.</summary>
public sealed record ProjectSchedule(DateOnly? TargetDate, IReadOnlyDictionary<Guid, MilestoneSchedule> Milestones)
{
    public MilestoneSchedule this[Guid milestoneId] => Milestones[milestoneId];

    public IReadOnlyList<Guid> CriticalPath =>
        [.. Milestones.Values.Where(m => m.IsCritical).OrderBy(m => m.ExpectedDate).Select(m => m.MilestoneId)];

    public static DateOnly? TargetOf(Project project) =>
        ScheduleNetwork.TargetDate(project.Milestones.Select(m => (m.Kind, m.BaselineDate)), project.Profile.TargetYear);

    public static NetworkNode NodeOf(Project project, Milestone milestone, DateOnly today, DateOnly? target) =>
        new(new MilestoneRef(project.Id, milestone.Id), milestone.Name, ScheduleNetwork.OwnDate(milestone.ForecastDate, milestone.ActualDate, today), milestone.IsDone)
        {
            PlannedAfterTarget = milestone.BaselineDate > target,
        };

    // As the whole network would plan it, with the boundary's dates held fixed: read alone or with the portfolio, alike.
    public static ProjectSchedule Of(Project project, DateOnly today, ScheduleBoundary boundary)
    {
        var target = TargetOf(project);
        if (boundary == ScheduleBoundary.None && project.Milestones.All(m => m.Predecessors.Count == 0))
        {
            return Unlinked(project, today, target);
        }

        var own = project.Milestones.ToDictionary(m => m.Id);
        var nodes = project.Milestones.Select(m => NodeOf(project, m, today, target)).ToList();
        var links = new List<DependencyLink>();
        foreach (var milestone in project.Milestones)
        {
            foreach (var p in milestone.Predecessors)
            {
                var from = new MilestoneRef(p.ProjectId, p.MilestoneId);
                if (p.ProjectId == project.Id ? own.ContainsKey(p.MilestoneId) : boundary.Predecessors.ContainsKey(from))
                {
                    links.Add(new DependencyLink(p.DependencyId, from, new MilestoneRef(project.Id, milestone.Id), p.LagDays));
                }
            }
        }

        // An outside predecessor stands in at its expected date, done as far as this plan goes: nothing here moves it.
        nodes.AddRange(boundary.Predecessors.Select(p => new NetworkNode(p.Key, p.Value.Name, p.Value.ExpectedDate, IsDone: true)));
        var plan = ScheduleNetwork.Plan(
            nodes,
            links,
            target is { } t ? new Dictionary<Guid, DateOnly> { [project.Id] = t } : new Dictionary<Guid, DateOnly>(),
            boundary.LatestForSuccessors.ToDictionary(b => new MilestoneRef(project.Id, b.Key), b => b.Value));
        var inside = links.Where(l => l.Predecessor.ProjectId == project.Id).ToLookup(l => l.Predecessor.MilestoneId, l => l.Successor);

        (string? Name, int SlipDays) Describe(MilestoneRef? predecessor) => predecessor switch
        {
            null => (null, 0),
            _ when predecessor.ProjectId == project.Id =>
                (own[predecessor.MilestoneId].Name, Math.Max(0, plan[predecessor].ExpectedDate.DayNumber - own[predecessor.MilestoneId].BaselineDate.DayNumber)),
            _ => (boundary.Predecessors[predecessor].Name, boundary.Predecessors[predecessor].SlipDays),
        };

        return new ProjectSchedule(target, project.Milestones.ToDictionary(m => m.Id, m =>
        {
            var node = plan[new MilestoneRef(project.Id, m.Id)];
            var (name, slip) = Describe(node.DrivenBy);
            return new MilestoneSchedule(
                m.Id, node.ExpectedDate, node.KnockOnDays, node.DrivenBy, name, slip, node.LatestDate, node.TotalFloatDays, node.IsCritical,
                [.. inside[m.Id], .. boundary.Successors[m.Id]]);
        }));
    }

    // Most projects have no link: the passes reduce to own dates against the target, without the network's dictionaries.
    private static ProjectSchedule Unlinked(Project project, DateOnly today, DateOnly? target)
    {
        var milestones = new Dictionary<Guid, MilestoneSchedule>(project.Milestones.Count);
        int? leastFloat = null;
        foreach (var m in project.Milestones)
        {
            var expected = ScheduleNetwork.OwnDate(m.ForecastDate, m.ActualDate, today);
            DateOnly? latest = m.BaselineDate > target ? null : target;
            int? totalFloat = latest is { } l ? l.DayNumber - expected.DayNumber : null;
            if (!m.IsDone && totalFloat is { } f && (leastFloat is null || f < leastFloat))
            {
                leastFloat = f;
            }

            milestones[m.Id] = new MilestoneSchedule(m.Id, expected, 0, null, null, 0, latest, totalFloat, false, []);
        }

        foreach (var m in project.Milestones.Where(m => !m.IsDone && milestones[m.Id].TotalFloatDays == leastFloat && leastFloat is not null))
        {
            milestones[m.Id] = milestones[m.Id] with { IsCritical = true };
        }

        return new ProjectSchedule(target, milestones);
    }

    public static ProjectSchedule Alone(Project project, DateOnly today) => Of(project, today, ScheduleBoundary.None);
}

public static class PortfolioSchedule
{
    // A closed or cancelled project's open milestone will never be done and its milestones wait for nothing; a link counts again once done.
    public static bool Counts(Project successorProject, Project predecessorProject, Guid predecessorMilestoneId) =>
        successorProject.TakesChanges && (predecessorProject.TakesChanges || predecessorProject.FindMilestone(predecessorMilestoneId) is { IsDone: true });

    /// <summary>The milestones of the projects given and the links between them that count: the network they form.</summary>
    public static (IReadOnlyList<NetworkNode> Nodes, IReadOnlyList<DependencyLink> Links, IReadOnlyList<DependencyLink> CrossProject, IReadOnlyDictionary<Guid, DateOnly> Targets) Network(
        IReadOnlyCollection<Project> projects, DateOnly today, bool onlyJoined = false)
    {
        var byId = projects.ToDictionary(p => p.Id);
        var crossProject = new List<DependencyLink>();
        foreach (var project in projects)
        {
            foreach (var milestone in project.Milestones)
            {
                foreach (var p in milestone.Predecessors)
                {
                    if (p.ProjectId != project.Id && byId.TryGetValue(p.ProjectId, out var predecessorProject) && Counts(project, predecessorProject, p.MilestoneId))
                    {
                        crossProject.Add(new DependencyLink(p.DependencyId, new MilestoneRef(p.ProjectId, p.MilestoneId), new MilestoneRef(project.Id, milestone.Id), p.LagDays));
                    }
                }
            }
        }

        // Links inside a project are planned with it: only projects joined by a link need the whole network.
        var joined = crossProject.SelectMany(l => new[] { l.Predecessor.ProjectId, l.Successor.ProjectId }).ToHashSet();
        IReadOnlyCollection<Project> inNetwork = onlyJoined ? [.. joined.Select(id => byId[id])] : projects;
        var nodes = inNetwork.SelectMany(p =>
        {
            var target = ProjectSchedule.TargetOf(p);
            return p.Milestones.Select(m => ProjectSchedule.NodeOf(p, m, today, target));
        }).ToList();
        var inside = inNetwork.SelectMany(p => p.Milestones.SelectMany(m => m.Predecessors
            .Where(x => x.ProjectId == p.Id && p.FindMilestone(x.MilestoneId) is not null)
            .Select(x => new DependencyLink(x.DependencyId, new MilestoneRef(p.Id, x.MilestoneId), new MilestoneRef(p.Id, m.Id), x.LagDays))));
        var targets = inNetwork.Select(p => (p.Id, Target: ProjectSchedule.TargetOf(p))).Where(t => t.Target is not null).ToDictionary(t => t.Id, t => t.Target!.Value);
        return (nodes, [.. crossProject, .. inside], crossProject, targets);
    }

    /// <summary>The forward and backward passes over every project given at once, as each project's boundary.</summary>
    /// <remarks>A link from or to a project not given is left out: give every project up- and downstream of those read.</remarks>
    public static IReadOnlyDictionary<Guid, ScheduleBoundary> Boundaries(IReadOnlyCollection<Project> projects, DateOnly today)
    {
        var (nodes, all, links, targets) = Network(projects, today, onlyJoined: true);
        if (links.Count == 0)
        {
            return projects.ToDictionary(p => p.Id, _ => ScheduleBoundary.None);
        }

        var byId = projects.ToDictionary(p => p.Id);
        var joined = links.SelectMany(l => new[] { l.Predecessor.ProjectId, l.Successor.ProjectId }).ToHashSet();
        var plan = ScheduleNetwork.Plan(nodes, all, targets);

        var into = links.ToLookup(l => l.Successor.ProjectId);
        var outOf = links.ToLookup(l => l.Predecessor.ProjectId);
        return projects.ToDictionary(p => p.Id, p =>
        {
            if (!joined.Contains(p.Id))
            {
                return ScheduleBoundary.None;
            }

            var predecessors = new Dictionary<MilestoneRef, OutsidePredecessor>();
            foreach (var link in into[p.Id])
            {
                var milestone = byId[link.Predecessor.ProjectId].FindMilestone(link.Predecessor.MilestoneId);
                if (milestone is not null && !predecessors.ContainsKey(link.Predecessor))
                {
                    var expected = plan[link.Predecessor].ExpectedDate;
                    predecessors[link.Predecessor] = new OutsidePredecessor(milestone.Name, expected, Math.Max(0, expected.DayNumber - milestone.BaselineDate.DayNumber));
                }
            }

            var latest = new Dictionary<Guid, DateOnly>();
            foreach (var link in outOf[p.Id])
            {
                if (plan.TryGetValue(link.Successor, out var successor) && successor.LatestDate is { } successorLatest)
                {
                    var allowed = successorLatest.AddDays(-link.LagDays);
                    var at = link.Predecessor.MilestoneId;
                    latest[at] = latest.TryGetValue(at, out var was) && was <= allowed ? was : allowed;
                }
            }

            return new ScheduleBoundary(predecessors, latest, outOf[p.Id].ToLookup(l => l.Predecessor.MilestoneId, l => l.Successor));
        });
    }
}
