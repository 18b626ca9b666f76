using System.Globalization;

namespace ProjectTracker.Bench.Scenarios;

/// <summary>A finish-to-start link to make: the successor's milestone waits for the predecessor's, plus the lag.</summary>
internal sealed record PlannedLink(ScanProject Successor, int SuccessorMilestone, ScanProject Predecessor, int PredecessorMilestone, int LagDays)
{
    public bool CrossProject => Successor != Predecessor;
}

/// <summary>Projects linked one after another, each one's <paramref name="Milestone"/> waiting for the previous one's.</summary>
internal sealed record LinkChain(int Number, IReadOnlyList<ScanProject> Projects, int Milestone, int LagDays)
{
    public ScanProject Head => Projects[0];

    public ScanProject Tail => Projects[^1];

    /// <summary>The expected date of the chained milestone of the chain's <paramref name="position"/>-th project once the head's is far later than any other date.</summary>
    public DateOnly ExpectedAt(int position, DateOnly headDate) => headDate.AddDays(LagDays * position);
}

/// <param name="Ordered">Every link, in the order the bench makes them.</param>
internal sealed record LinkPlan(IReadOnlyList<PlannedLink> Ordered, IReadOnlyList<LinkChain> Chains, int CrossProject, int WithinProjects, int ProjectsWithInternalChains)
{
    /// <summary>
    /// <paramref name="total"/> links on the slip scan's portfolio, a tenth across projects: chains of <paramref name="depth"/>
    /// projects (the last one shorter), each project's chained milestone (planning permit to completion, by chain) waiting for
    /// the previous project's same milestone with the chain's lag (0–15 days), so dates along a chain differ only by the
    /// portfolio's jitter. The rest inside projects: every milestone waiting for the one before it (date order), in a
    /// spread of projects with all their milestones chained. No link closes a cycle: across projects they point down the
    /// chain, inside a project forward in time, and every project is in one chain at most.
    /// </summary>
    /// <param name="firstPosted">How many within-project links come first (made before the bulk of the network).</param>
    public static LinkPlan Of(IReadOnlyList<ScanProject> portfolio, int total, int depth, int firstPosted)
    {
        var inv = CultureInfo.InvariantCulture;
        var projects = portfolio.Count;
        var milestones = portfolio.Min(p => p.MilestoneIds.Count);
        var cross = total / 10;
        var within = total - cross;
        if (depth < 2)
        {
            throw new UsageException("--links-depth must be at least 2");
        }

        if (milestones < 2 || within > projects * (milestones - 1))
        {
            throw new UsageException(string.Create(inv,
                $"--links {total}: {within} links inside projects need at least {within / Math.Max(1, milestones - 1)} projects of {milestones} milestones (--scan-projects is {projects})"));
        }

        var perChain = depth - 1;
        var chainCount = (cross + perChain - 1) / perChain;
        if (chainCount * depth > projects)
        {
            throw new UsageException(string.Create(inv,
                $"--links {total}: {cross} links across projects in chains of {depth} need {chainCount * depth} projects (--scan-projects is {projects})"));
        }

        // Spread over the portfolio, so the chains cross districts and categories.
        var stride = Math.Max(1, projects / Math.Max(1, chainCount * depth));
        var chains = new List<LinkChain>(chainCount);
        var crossLinks = new List<PlannedLink>(cross);
        for (var c = 0; c < chainCount; c++)
        {
            var length = Math.Min(depth, cross - (c * perChain) + 1);
            var members = Enumerable.Range(0, length).Select(k => portfolio[((k * chainCount) + c) * stride]).ToList();
            var chain = new LinkChain(c, members, Math.Min(2 + (c % 5), milestones - 1), c % 4 * 5);
            chains.Add(chain);
            for (var k = 1; k < members.Count; k++)
            {
                crossLinks.Add(new PlannedLink(members[k], chain.Milestone, members[k - 1], chain.Milestone, chain.LagDays));
            }
        }

        var steps = milestones - 1;
        var chainedProjects = (within + steps - 1) / steps;
        var spread = Math.Max(1, projects / chainedProjects);
        var internalLinks = Enumerable.Range(0, projects)
            .OrderBy(i => i % spread).ThenBy(i => i / spread)
            .SelectMany(i => Enumerable.Range(0, steps).Select(m => new PlannedLink(portfolio[i], m + 1, portfolio[i], m, 0)))
            .Take(within)
            .ToList();
        var first = Math.Min(firstPosted, internalLinks.Count);
        return new LinkPlan([.. internalLinks.Take(first), .. crossLinks, .. internalLinks.Skip(first)], chains, cross, within, chainedProjects);
    }
}
