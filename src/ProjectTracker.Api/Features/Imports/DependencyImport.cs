using System.Globalization;
using Marten;
using ProjectTracker.Api.Features.Access;
using ProjectTracker.Api.Features.Dependencies;
using ProjectTracker.Api.Features.Projects;
using ProjectTracker.Domain;
using ProjectTracker.Domain.Projects;
using ProjectTracker.Domain.Schedule;

namespace ProjectTracker.Api.Features.Imports;

/// <summary>One row of a dependency import, its milestones found: <c>Successor</c> waits for <c>Predecessor</c> plus the lag.</summary>
public sealed record LinkRow(int Number, string Code, string Milestone, MilestoneRef Successor, MilestoneRef Predecessor, string PredecessorName, int LagDays);

// Milestones by project code and name, as officials write them; links the network has are skipped, so re-importing is safe.
public static class DependencyImport
{
    public static async Task<IReadOnlyList<LinkRow>> Check(
        IReadOnlyList<SheetRow> sheet, Caller caller, IQuerySession session, Dictionary<string, List<string>> errors, Func<int, Task>? progress, CancellationToken ct)
    {
        var codes = sheet.SelectMany(r => new[] { Cell(r, "code"), Cell(r, "predecessorCode") }).OfType<string>().Distinct().ToArray();
        var projects = codes.Length == 0
            ? []
            : (await session.Query<Project>().Where(p => p.Code.IsOneOf(codes)).ToListAsync(ct)).ToDictionary(p => p.Code);
        // The file's rows join the network as they are checked, so a cycle the file closes by itself is found too.
        var network = new Network(await DependencyCycles.Load(session, ct));
        var links = new List<LinkRow>();
        var checkedRows = 0;
        foreach (var row in sheet)
        {
            if (Resolve(row, projects, caller, errors) is { } link)
            {
                var verdict = network.Judge(link);
                if (verdict.Cycle is { } cycle)
                {
                    ImportProcessor.Add(errors, row.Number, "predecessorMilestone", $"This link would close a cycle: {await DependencyCycles.Describe(session, cycle, ct)}.");
                }
                else if (verdict.OtherLag is { } lag)
                {
                    ImportProcessor.Add(errors, row.Number, "lagDays", OtherLag(link, lag));
                }
                else
                {
                    if (!verdict.Exists)
                    {
                        network.Add(link, Guid.Empty);
                    }

                    links.Add(link);
                }
            }

            if (progress is not null)
            {
                await progress(++checkedRows);
            }
        }

        return links;
    }

    /// <summary>Judges the links again against the network as it is now (the caller holds the lock) and stages the new ones.</summary>
    public static async Task<IReadOnlyList<ImportRecords.CreatedRow>> Stage(
        IReadOnlyList<LinkRow> links, IDocumentSession session, ProjectWriter writer, Caller caller, CancellationToken ct)
    {
        var network = new Network(await DependencyCycles.Load(session, ct));
        var commands = new List<(Guid, ProjectCommand)>();
        var created = new List<ImportRecords.CreatedRow>();
        foreach (var link in links)
        {
            var verdict = network.Judge(link);
            if (verdict.Cycle is { } cycle)
            {
                throw DomainException.Conflict(
                    $"Row {link.Number}: since the file was checked, a link was made with which this one would close a cycle: "
                    + $"{await DependencyCycles.Describe(session, cycle, ct)}. Nothing of the file was written.");
            }

            if (verdict.OtherLag is { } lag)
            {
                throw DomainException.Conflict($"Row {link.Number}: since the file was checked, {OtherLag(link, lag)} Nothing of the file was written.");
            }

            if (verdict.Exists)
            {
                continue;
            }

            var id = Guid.CreateVersion7();
            network.Add(link, id);
            commands.Add((link.Successor.ProjectId, new ProjectCommand.LinkMilestone(
                id, link.Successor.MilestoneId, link.Predecessor.ProjectId, link.Predecessor.MilestoneId, link.PredecessorName, link.LagDays)));
            created.Add(new ImportRecords.CreatedRow(link.Number, id, link.Code));
        }

        await writer.Append(session, caller, commands, ct);
        return created;
    }

    private static string OtherLag(LinkRow link, int lag) =>
        $"{link.Milestone} already depends on {link.PredecessorName} with a lag of {lag} days: remove that link first to change its lag.";

    private static string? Cell(SheetRow row, string column) =>
        row.Cells.TryGetValue(column, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static LinkRow? Resolve(SheetRow row, IReadOnlyDictionary<string, Project> projects, Caller caller, Dictionary<string, List<string>> errors)
    {
        var good = true;
        void Error(string column, string message)
        {
            ImportProcessor.Add(errors, row.Number, column, message);
            good = false;
        }

        string? Required(string column, string what)
        {
            var value = Cell(row, column);
            if (value is null)
            {
                Error(column, $"{column} is required: {what}.");
            }

            return value;
        }

        Project? ProjectOf(string code, string column)
        {
            var project = projects.GetValueOrDefault(code);
            if (project is null)
            {
                Error(column, $"There is no project with the code {code}.");
            }

            return project;
        }

        Milestone? Named(Project project, string name, string column)
        {
            var named = project.Milestones.Where(m => string.Equals(m.Name.Trim(), name, StringComparison.Ordinal)).ToList();
            switch (named.Count)
            {
                case 1:
                    return named[0];
                case 0:
                    Error(column, $"The project {project.Code} has no milestone named {name}.");
                    return null;
                default:
                    Error(column, $"The project {project.Code} has {named.Count} milestones named {name}, so the sheet cannot say which; "
                        + "link that one with POST /api/v1/projects/{id}/milestones/{milestoneId}/dependencies.");
                    return null;
            }
        }

        var code = Required("code", "the unified code (项目统一代码) of the project whose milestone waits");
        var milestoneName = Required("milestone", "the name of the milestone that waits");
        var predecessorName = Required("predecessorMilestone", "the name of the milestone it waits for");
        var lagDays = 0;
        if (Cell(row, "lagDays") is { } lagText
            && !(int.TryParse(lagText, NumberStyles.Integer, CultureInfo.InvariantCulture, out lagDays) && lagDays is >= 0 and <= DependencyLink.MaxLagDays))
        {
            Error("lagDays", $"'{lagText}' is not a valid value for lagDays: whole days, 0 to {DependencyLink.MaxLagDays}.");
        }

        var project = code is null ? null : ProjectOf(code, "code");
        if (project is not null && !caller.MayWrite(project.Profile))
        {
            Error("code", caller.IsUnit
                ? $"The key of unit {caller.Unit} links only milestones of its own unit's projects."
                : $"The key of district {caller.District} links only milestones of its own district's projects.");
        }
        else if (project is { TakesChanges: false })
        {
            Error("code", $"The project {project.Code} is {project.Status.ToString().ToLowerInvariant()} and takes no more changes.");
        }

        // Left empty, the predecessor is in the same project.
        var predecessorProject = Cell(row, "predecessorCode") is { } predecessorCode ? ProjectOf(predecessorCode, "predecessorCode") : project;
        var milestone = project is null || milestoneName is null ? null : Named(project, milestoneName, "milestone");
        var predecessor = predecessorProject is null || predecessorName is null ? null : Named(predecessorProject, predecessorName, "predecessorMilestone");
        if (milestone is not null && predecessor is not null && milestone.Id == predecessor.Id)
        {
            Error("predecessorMilestone", "A milestone cannot depend on itself.");
        }

        return good && project is not null && milestone is not null && predecessorProject is not null && predecessor is not null
            ? new LinkRow(
                row.Number,
                project.Code,
                milestone.Name,
                new MilestoneRef(project.Id, milestone.Id),
                new MilestoneRef(predecessorProject.Id, predecessor.Id),
                predecessor.Name,
                lagDays)
            : null;
    }

    private sealed record Verdict(bool Exists, int? OtherLag, IReadOnlyList<MilestoneRef>? Cycle);

    // The network as the file grows it: only when a predecessor is downstream is the whole walked to name the cycle.
    private sealed class Network
    {
        private readonly List<DependencyLink> links;
        private readonly Dictionary<(MilestoneRef Predecessor, MilestoneRef Successor), int> lags = [];
        private readonly Dictionary<MilestoneRef, List<MilestoneRef>> next = [];

        public Network(List<DependencyLink> links)
        {
            this.links = links;
            links.ForEach(Index);
        }

        public Verdict Judge(LinkRow link)
        {
            if (lags.TryGetValue((link.Predecessor, link.Successor), out var lag))
            {
                return lag == link.LagDays ? new(true, null, null) : new(false, lag, null);
            }

            return Reaches(link.Successor, link.Predecessor)
                ? new(false, null, ScheduleNetwork.CycleIfLinked(links, link.Predecessor, link.Successor))
                : new(false, null, null);
        }

        public void Add(LinkRow link, Guid id)
        {
            var added = new DependencyLink(id, link.Predecessor, link.Successor, link.LagDays);
            links.Add(added);
            Index(added);
        }

        private void Index(DependencyLink link)
        {
            lags.TryAdd((link.Predecessor, link.Successor), link.LagDays);
            if (!next.TryGetValue(link.Predecessor, out var successors))
            {
                next[link.Predecessor] = successors = [];
            }

            successors.Add(link.Successor);
        }

        private bool Reaches(MilestoneRef from, MilestoneRef to)
        {
            var seen = new HashSet<MilestoneRef> { from };
            var queue = new Queue<MilestoneRef>([from]);
            while (queue.TryDequeue(out var at))
            {
                if (at == to)
                {
                    return true;
                }

                foreach (var then in next.GetValueOrDefault(at, []).Where(seen.Add))
                {
                    queue.Enqueue(then);
                }
            }

            return false;
        }
    }
}
