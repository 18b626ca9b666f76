using ProjectTracker.Domain.Portfolio;

namespace ProjectTracker.Domain.Schedule;

// 明确节点、倒排工期: milestones linked finish-to-start, across projects. Milestones are events of no duration, so a
// link says only "the successor cannot be done before the predecessor, plus the lag".

public sealed record MilestoneRef(Guid ProjectId, Guid MilestoneId);

public sealed record DependencyLink(Guid Id, MilestoneRef Predecessor, MilestoneRef Successor, int LagDays)
{
    public const int MaxLagDays = 3650;
}

/// <param name="OwnDate">The owner's own view: the actual date once done, else the forecast, and never before today.</param>
public sealed record NetworkNode(MilestoneRef Ref, string Name, DateOnly OwnDate, bool IsDone)
{
    // Planned after its project's target (竣工决算 after 投入使用): the target does not bound it, only its successors do.
    public bool PlannedAfterTarget { get; init; }
}

public sealed record ScheduledNode(
    MilestoneRef Ref,
    DateOnly ExpectedDate,
    int KnockOnDays,
    MilestoneRef? DrivenBy,
    DateOnly? LatestDate,
    int? TotalFloatDays,
    bool IsCritical);

public static class ScheduleNetwork
{
    // What the backward pass plans back from (API.md): the last completion or in-service baseline, else 31 December.
    public static DateOnly? TargetDate(IEnumerable<(MilestoneKind Kind, DateOnly BaselineDate)> milestones, int? targetYear)
    {
        var finishes = milestones.Where(m => m.Kind is MilestoneKind.Completion or MilestoneKind.InService).Select(m => m.BaselineDate).ToList();
        return finishes.Count > 0 ? finishes.Max() : targetYear is { } year ? new DateOnly(year, 12, 31) : null;
    }

    public static DateOnly OwnDate(DateOnly forecastDate, DateOnly? actualDate, DateOnly today) =>
        actualDate ?? (forecastDate < today ? today : forecastDate);

    /// <summary>The milestones around the cycle the link would close, from the predecessor back to it; null when it closes none.</summary>
    public static IReadOnlyList<MilestoneRef>? CycleIfLinked(IEnumerable<DependencyLink> links, MilestoneRef predecessor, MilestoneRef successor) =>
        CycleIfLinked(links.ToLookup(l => l.Predecessor, l => l.Successor), predecessor, successor);

    public static IReadOnlyList<MilestoneRef>? CycleIfLinked(ILookup<MilestoneRef, MilestoneRef> next, MilestoneRef predecessor, MilestoneRef successor)
    {
        if (predecessor == successor)
        {
            return [predecessor, predecessor];
        }

        var cameFrom = new Dictionary<MilestoneRef, MilestoneRef>();
        var queue = new Queue<MilestoneRef>([successor]);
        var seen = new HashSet<MilestoneRef> { successor };
        while (queue.TryDequeue(out var at))
        {
            if (at == predecessor)
            {
                var path = new List<MilestoneRef> { predecessor };
                for (var step = predecessor; cameFrom.TryGetValue(step, out var back); step = back)
                {
                    path.Add(back);
                }

                path.Reverse();
                return [predecessor, .. path];
            }

            foreach (var then in next[at].Where(seen.Add))
            {
                cameFrom[then] = at;
                queue.Enqueue(then);
            }
        }

        return null;
    }

    /// <summary>The forward pass (knock-on) and the backward pass (倒排工期) over the whole network at once.</summary>
    /// <param name="targets">Each project's target date; a project without one bounds nothing.</param>
    /// <param name="bounds">Latest dates set from outside the nodes given (successors in projects not planned here).</param>
    public static IReadOnlyDictionary<MilestoneRef, ScheduledNode> Plan(
        IReadOnlyCollection<NetworkNode> nodes,
        IReadOnlyCollection<DependencyLink> links,
        IReadOnlyDictionary<Guid, DateOnly> targets,
        IReadOnlyDictionary<MilestoneRef, DateOnly>? bounds = null)
    {
        var byRef = nodes.ToDictionary(n => n.Ref);
        var live = links.Where(l => byRef.ContainsKey(l.Predecessor) && byRef.ContainsKey(l.Successor)).ToList();
        var order = TopologicalOrder(byRef.Keys, live);
        var incoming = live.ToLookup(l => l.Successor);
        var outgoing = live.ToLookup(l => l.Predecessor);

        var expected = new Dictionary<MilestoneRef, (DateOnly Date, MilestoneRef? DrivenBy)>();
        foreach (var at in order)
        {
            var node = byRef[at];
            var date = node.OwnDate;
            MilestoneRef? drivenBy = null;
            // A milestone done is a fact: no predecessor moves it any more.
            foreach (var link in node.IsDone ? [] : incoming[at])
            {
                var allowed = expected[link.Predecessor].Date.AddDays(link.LagDays);
                if (allowed > date)
                {
                    (date, drivenBy) = (allowed, link.Predecessor);
                }
            }

            expected[at] = (date, drivenBy);
        }

        var latest = new Dictionary<MilestoneRef, DateOnly?>();
        foreach (var at in order.AsEnumerable().Reverse())
        {
            DateOnly? bound = !byRef[at].PlannedAfterTarget && targets.TryGetValue(at.ProjectId, out var target) ? target : null;
            if (bounds is not null && bounds.TryGetValue(at, out var outside))
            {
                bound = bound is { } b && b <= outside ? b : outside;
            }

            foreach (var link in outgoing[at])
            {
                if (latest[link.Successor] is { } successorLatest)
                {
                    var allowed = successorLatest.AddDays(-link.LagDays);
                    bound = bound is { } b && b <= allowed ? b : allowed;
                }
            }

            latest[at] = bound;
        }

        int? FloatOf(MilestoneRef at) => latest[at] is { } l ? l.DayNumber - expected[at].Date.DayNumber : null;

        // The longest path (P6's sense): in each project, the open milestones with the least float drive its target.
        var leastFloat = order.Where(r => !byRef[r].IsDone && FloatOf(r) is not null)
            .GroupBy(r => r.ProjectId)
            .ToDictionary(g => g.Key, g => g.Min(r => FloatOf(r)!.Value));

        return order.ToDictionary(at => at, at =>
        {
            var node = byRef[at];
            var (date, drivenBy) = expected[at];
            var totalFloat = FloatOf(at);
            var critical = !node.IsDone && totalFloat is { } f && leastFloat.TryGetValue(at.ProjectId, out var least) && f == least;
            return new ScheduledNode(at, date, date.DayNumber - node.OwnDate.DayNumber, drivenBy, latest[at], totalFloat, critical);
        });
    }

    /// <summary>What if <paramref name="milestone"/> were done on <paramref name="to"/>: every milestone that would move later, by how many days.</summary>
    public static IReadOnlyList<(MilestoneRef Ref, int DaysLater)> Impact(
        IReadOnlyCollection<NetworkNode> nodes, IReadOnlyCollection<DependencyLink> links, MilestoneRef milestone, DateOnly to)
    {
        var noTargets = new Dictionary<Guid, DateOnly>();
        var now = Plan(nodes, links, noTargets);
        var then = Plan([.. nodes.Select(n => n.Ref == milestone ? n with { OwnDate = to, IsDone = false } : n)], links, noTargets);
        return
        [
            .. then.Values
                .Where(n => n.Ref != milestone && n.ExpectedDate > now[n.Ref].ExpectedDate)
                .Select(n => (n.Ref, n.ExpectedDate.DayNumber - now[n.Ref].ExpectedDate.DayNumber)),
        ];
    }

    // Kahn's algorithm; links are refused when they would close a cycle, so one found here is a broken invariant.
    private static List<MilestoneRef> TopologicalOrder(IEnumerable<MilestoneRef> nodes, IReadOnlyList<DependencyLink> links)
    {
        var all = nodes.ToList();
        var waiting = all.ToDictionary(n => n, _ => 0);
        foreach (var link in links)
        {
            waiting[link.Successor]++;
        }

        var outgoing = links.ToLookup(l => l.Predecessor, l => l.Successor);
        var ready = new Queue<MilestoneRef>(all.Where(n => waiting[n] == 0));
        var order = new List<MilestoneRef>(all.Count);
        while (ready.TryDequeue(out var at))
        {
            order.Add(at);
            foreach (var successor in outgoing[at])
            {
                if (--waiting[successor] == 0)
                {
                    ready.Enqueue(successor);
                }
            }
        }

        return order.Count == all.Count
            ? order
            : throw new InvalidOperationException("The dependency network has a cycle, which linking should have refused.");
    }
}
