using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ProjectTracker.Api.Features.Districts;
using ProjectTracker.Api.Features.Imports;
using ProjectTracker.Api.Features.Structure;
using ProjectTracker.Api.Infrastructure;
using ProjectTracker.Domain.Issues;
using ProjectTracker.Domain.Portfolio;
using ProjectTracker.Domain.Projects;
using ProjectTracker.Domain.Structure;
using Register = ProjectTracker.Api.Features.Projects.RegisterProject;

namespace ProjectTracker.Api.Features.Demo;

internal sealed record DemoData(
    IReadOnlyList<string> About,
    IReadOnlyList<DemoDistrict> Districts,
    IReadOnlyList<DemoEntry> Clusters,
    IReadOnlyList<DemoEntry> Sectors,
    IReadOnlyList<DemoEntry> Systems,
    IReadOnlyList<DemoEntry> Programmes,
    IReadOnlyList<DemoEntry> Units,
    IReadOnlyDictionary<string, IReadOnlyList<DemoStep>> Shapes,
    IReadOnlyList<DemoCategory> Categories,
    string CloseReason,
    IReadOnlyList<DemoHistory> Projects,
    DemoMeeting? Meeting = null,
    DemoKeys? PlanChangeKeys = null,
    IReadOnlyList<DemoIssue>? Issues = null);

// Boundary: approximate, for the public map; checked by the rules of PUT /districts.
internal sealed record DemoDistrict(string Id, string Name, string? LeaderEmail = null, JsonElement? Boundary = null)
{
    public District ToDistrict() => new(Id, Name, LeaderEmail, Boundary is { } boundary
        ? GeoJson.Problem(boundary, GeoJson.Polygonal) is { } problem
            ? throw new InvalidDataException($"demo/portfolio.json: the boundary of district {Id}: {problem}")
            : GeoJson.Shape(boundary, GeoJson.Polygonal)
        : null);
}

internal sealed record DemoEntry(string Code, string Name, string? System = null, UnitKind? Kind = null, string? Leader = null, string? Email = null)
{
    public ReferenceEntry In(StructureList list) => new(ReferenceEntry.IdOf(list, Code), list, Code, Name, System, Kind, Leader, Email);
}

internal sealed record DemoStep(MilestoneKind Kind, int PerMille, string Name, bool IsKey = false);

internal sealed record DemoName(MilestoneKind Kind, string Name);

internal sealed record DemoCategory(Category Category, IReadOnlyList<string> Works, IReadOnlyList<DemoName> Names);

internal sealed record DemoLate(MilestoneKind Milestone, int Days);

internal sealed record DemoSlip(MilestoneKind Milestone, int Days, string Reason, int? ThenDays = null, string? ThenReason = null);

internal sealed record DemoPace(int Points, string Reason);

internal sealed record DemoMeeting(int Day, string Title);

internal sealed record DemoKeys(string Asking, string Deciding);

internal sealed record DemoMove(string Milestone, int Days);

internal sealed record DemoPlanChange(int Asked, string Reason)
{
    public PlanChangeStatus Status { get; init; }
    public int? Decided { get; init; }
    public bool AtMeeting { get; init; }
    public string? DocumentRef { get; init; }
    public string? Comment { get; init; }
    public decimal? TotalInvestment { get; init; }
    public string? Scope { get; init; }
    public IReadOnlyList<DemoMove> Baselines { get; init; } = [];
}

// 明确节点: this project's milestone of one kind waits for another project's milestone of a kind, plus the lag.
internal sealed record DemoLink(MilestoneKind Milestone, string Predecessor, MilestoneKind PredecessorMilestone, int LagDays);

internal sealed record DemoHistory(string Code, string Name, string Shape, int Start, int Days)
{
    // A GeoJSON geometry; the sheet's location cell, checked as an import's.
    public JsonElement? Location { get; init; }

    public IReadOnlyList<DemoLink> Links { get; init; } = [];

    public int Reports { get; init; } = 4;
    public int? LastReport { get; init; }
    public bool Closed { get; init; }
    public IReadOnlyList<DemoLate> Late { get; init; } = [];
    public IReadOnlyList<MilestoneKind> Stuck { get; init; } = [];
    public IReadOnlyList<DemoSlip> Slips { get; init; } = [];
    public DemoPace? Pace { get; init; }
    public string? Scope { get; init; }
    public IReadOnlyList<DemoPlanChange> PlanChanges { get; init; } = [];
}

internal sealed record DemoStream(Guid Id, string Code, string Name, IReadOnlyList<ProjectCommand> Commands)
{
    // The days each plan change was asked and decided: the commands do not carry them.
    public IReadOnlyDictionary<Guid, DemoPlanChangeDays> PlanChangeDays { get; init; } = new Dictionary<Guid, DemoPlanChangeDays>();
}

internal sealed record DemoPlanChangeDays(DateOnly Asked, DateOnly? Decided);

internal sealed record DemoCommitteeMeeting(Guid Id, DateOnly Date, string Title);

// 督办: raised on a project (from its latest progress report, or on a day of its own), then resolved and closed or not.
internal sealed record DemoIssue(string Project, string Title, string Unit, int Due)
{
    public string? Description { get; init; }
    public bool FromReport { get; init; }
    public int? Raised { get; init; }
    public int? Resolved { get; init; }
    public string? Resolution { get; init; }
    public int? Closed { get; init; }
    public string? Comment { get; init; }
}

/// <param name="Steps">The commands of the issue's life, each with the day it was given.</param>
internal sealed record DemoIssueScript(Guid Id, IReadOnlyList<(IssueCommand Command, DateOnly Day)> Steps);

// Read from demo/ beside the app; the history is generated here, as investment pace depends on the calendar year.
internal static class DemoPortfolio
{
    private const MilestoneKind Groundbreaking = MilestoneKind.Groundbreaking, MainWorks = MilestoneKind.MainWorks,
        Completion = MilestoneKind.Completion, InService = MilestoneKind.InService;

    // Forecast changes are dated this many days before the seed day; plan changes come before them.
    public const int ForecastsDaysAgo = 3;

    private static readonly Lazy<(DemoData Data, IReadOnlyList<SheetRow> Sheet)> Files = new(() => Load(Path.Combine(AppContext.BaseDirectory, "demo")));

    public static IReadOnlyList<District> Districts => districts.Value;

    private static readonly Lazy<IReadOnlyList<District>> districts = new(() => [.. Files.Value.Data.Districts.Select(d => d.ToDistrict())]);

    public static IReadOnlyList<DemoHistory> Projects => Files.Value.Data.Projects;

    // The speech's own layout: the six clusters, the three sectors, the nine systems with their programmes, and the units.
    public static IReadOnlyList<ReferenceEntry> Structure => structure.Value;

    private static readonly Lazy<IReadOnlyList<ReferenceEntry>> structure = new(() =>
    {
        var data = Files.Value.Data;
        return
        [
            .. data.Clusters.Select(e => e.In(StructureList.Cluster)),
            .. data.Sectors.Select(e => e.In(StructureList.Sector)),
            .. data.Systems.Select(e => e.In(StructureList.System)),
            .. data.Programmes.Select(e => e.In(StructureList.Programme)),
            .. data.Units.Select(e => e.In(StructureList.Unit)),
        ];
    });

    public static StructureCatalog Catalog => catalog.Value;

    private static readonly Lazy<StructureCatalog> catalog = new(() => new StructureCatalog(Structure.Select(e => e.ToEntry())));

    // 规划委员会: it meets quarterly, so the title numbers the meeting by its date's quarter.
    public static DemoCommitteeMeeting? Meeting(DateOnly today)
    {
        if (Files.Value.Data.Meeting is not { } meeting)
        {
            return null;
        }

        var date = today.AddDays(meeting.Day);
        var quarter = ((date.Month + 2) / 3).ToString(CultureInfo.InvariantCulture);
        return new DemoCommitteeMeeting(DemoId("meeting/0"), date, Dated(meeting.Title, date).Replace("{quarter}", quarter, StringComparison.Ordinal));
    }

    // The sheet's code year, planPeriod and targetYear are as of the day it was written: they move with the dates.
    public static IReadOnlyList<SheetRow> Sheet(DateOnly today)
    {
        var (data, sheet) = Files.Value;
        return [.. sheet.Select((row, index) =>
        {
            var plan = PlanOf(data, data.Projects[index], CategoryOf(row), index, today);
            var approval = plan[0].Baseline.Year;
            var cells = new Dictionary<string, string?>(row.Cells, StringComparer.OrdinalIgnoreCase)
            {
                ["code"] = string.Create(CultureInfo.InvariantCulture, $"{approval:D4}{row.Cells["code"]![4..]}"),
                ["planPeriod"] = Json.WireName(approval switch
                {
                    <= 2020 => PlanPeriod.Thirteenth,
                    <= 2025 => PlanPeriod.Fourteenth,
                    <= 2030 => PlanPeriod.Fifteenth,
                    _ => PlanPeriod.Sixteenth,
                }),
                ["targetYear"] = plan.Single(m => m.Step.Kind == MilestoneKind.Completion).Baseline.Year.ToString(CultureInfo.InvariantCulture),
                ["location"] = data.Projects[index].Location?.GetRawText(),
            };
            return new SheetRow(row.Number, cells);
        })];
    }

    public static IReadOnlyList<DemoStream> Build(DateOnly today) => Build(today, [.. Sheet(today).Select(Parse)]);

    public static IReadOnlyList<DemoStream> Build(DateOnly today, IReadOnlyList<Register.Request> rows)
    {
        var data = Files.Value.Data;
        // Links name the predecessor by its code in portfolio.json and its milestone by kind, as the plans are made here.
        ProjectCommand.LinkMilestone Link(DemoHistory p, int index, Planned successor, DemoLink link)
        {
            var at = data.Projects.Select((h, k) => (h, k)).SingleOrDefault(x => x.h.Code == link.Predecessor);
            if (at.h is null)
            {
                throw new InvalidDataException($"Demo project {p.Name} waits for {link.Predecessor}, which portfolio.json does not have.");
            }

            var predecessor = PlanOf(data, at.h, rows[at.k].Category!.Value, at.k, today).Single(m => m.Step.Kind == link.PredecessorMilestone);
            return new ProjectCommand.LinkMilestone(
                DemoId($"project/{index}/link/{at.k}/{(int)link.PredecessorMilestone}"), successor.Id, DemoId($"project/{at.k}"), predecessor.Id, predecessor.Step.Name, link.LagDays);
        }

        return [.. rows.Select((row, index) => Script(data, data.Projects[index], row, index, today, Link))];
    }

    // Through the commands of POST /projects/{id}/issues, resolve and close, each on its day.
    public static IReadOnlyList<DemoIssueScript> Issues(DateOnly today, IReadOnlyList<DemoStream> streams)
    {
        var data = Files.Value.Data;
        return [.. (data.Issues ?? []).Select((issue, n) =>
        {
            var index = data.Projects.Select(p => p.Code).ToList().IndexOf(issue.Project);
            if (index < 0)
            {
                throw new InvalidDataException($"Demo issue {issue.Title} is raised on {issue.Project}, which portfolio.json does not have.");
            }

            var stream = streams[index];
            var register = (ProjectCommand.RegisterProject)stream.Commands[0];
            var report = stream.Commands.OfType<ProjectCommand.ReportProgress>().MaxBy(r => r.ReportDate)
                ?? throw new InvalidDataException($"Demo project {stream.Name} has no progress report to raise an issue from.");
            var unit = Catalog.Find(StructureList.Unit, issue.Unit)
                ?? throw new InvalidDataException($"Demo issue {issue.Title}: no unit {issue.Unit} in the units list.");
            var raised = issue.FromReport ? report.ReportDate
                : today.AddDays(issue.Raised ?? throw new InvalidDataException($"Demo issue {issue.Title} needs raised or fromReport."));
            var steps = new List<(IssueCommand, DateOnly)>
            {
                (new IssueCommand.RaiseIssue(
                    DemoId($"issue/{n}"), stream.Id, register.Profile.District, issue.Title, issue.Description, unit.Code, today.AddDays(issue.Due),
                    issue.FromReport ? report.ReportId : null), raised),
            };
            var last = raised;
            foreach (var (days, command) in new (int?, IssueCommand)[]
            {
                (issue.Resolved, new IssueCommand.ResolveIssue(issue.Resolution ?? "")),
                (issue.Closed, new IssueCommand.CloseIssue(issue.Comment)),
            })
            {
                if (days is not { } d)
                {
                    break;
                }

                var day = today.AddDays(d);
                Require(last <= day && day <= today, register.Profile, $"the issue {issue.Title} is raised, resolved and closed in that order, by today");
                steps.Add((command, last = day));
            }

            Require(issue.Closed is null || issue.Resolved is not null, register.Profile, $"the issue {issue.Title} is resolved before it is closed");
            return new DemoIssueScript(DemoId($"issue/{n}"), steps);
        })];
    }

    private static (DemoData, IReadOnlyList<SheetRow>) Load(string folder)
    {
        var data = JsonSerializer.Deserialize<DemoData>(File.ReadAllBytes(Path.Combine(folder, "portfolio.json")), Json.Options)
            ?? throw new InvalidDataException("demo/portfolio.json is empty.");
        var sheet = ImportSheet.Read(File.ReadAllBytes(Path.Combine(folder, "projects.csv")), ImportSheet.Csv, ImportKind.Projects);
        var rows = sheet.Select(r => (r.Cells.GetValueOrDefault("code"), r.Cells.GetValueOrDefault("name")));
        if (!rows.SequenceEqual(data.Projects.Select(p => ((string?)p.Code, (string?)p.Name))))
        {
            throw new InvalidDataException("demo/portfolio.json must list the projects of demo/projects.csv, by code and name, in the same order.");
        }

        return (data, sheet);
    }

    private static Register.Request Parse(SheetRow row)
    {
        var errors = new Dictionary<string, List<string>>();
        var parsed = ImportProcessor.Parse(row, ImportKind.Projects, Json.RequestOptions, errors);
        return errors.Count == 0
            ? parsed.Project
            : throw new InvalidDataException($"demo/projects.csv: {string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(' ', e.Value)}"))}");
    }

    private static Category CategoryOf(SheetRow row) =>
        WireEnum.From<Category>(row.Cells.GetValueOrDefault("category")) ?? throw new InvalidDataException($"demo/projects.csv row {row.Number}: no category.");

    // Baseline as registered; Current after the approved plan changes, which is what the milestone is judged and done by.
    private sealed record Planned(Guid Id, DemoStep Step, DateOnly Baseline)
    {
        public DateOnly Current { get; set; } = Baseline;
        public DateOnly? Actual { get; set; }
        public DateOnly Forecast { get; set; }
    }

    private static List<Planned> PlanOf(DemoData data, DemoHistory p, Category category, int index, DateOnly today)
    {
        var names = data.Categories.Single(c => c.Category == category).Names;
        return [.. data.Shapes[p.Shape].Select((s, k) => new Planned(
            DemoId($"project/{index}/milestone/{k}"),
            s.Kind == MilestoneKind.Custom ? s : s with { Name = names.FirstOrDefault(n => n.Kind == s.Kind)?.Name ?? s.Name },
            today.AddDays(p.Start + (p.Days * s.PerMille / 1000))))];
    }

    private static DemoStream Script(
        DemoData data, DemoHistory p, Register.Request row, int index, DateOnly today, Func<DemoHistory, int, Planned, DemoLink, ProjectCommand.LinkMilestone> link)
    {
        var id = DemoId($"project/{index}");
        var register = (p.Scope is null ? row : row with { Scope = p.Scope }).ToCommand(id, Catalog);
        var profile = register.Profile;
        var plan = PlanOf(data, p, profile.Category, index, today);
        var changes = PlanChanges(data, p, profile, plan, index, today);
        plan.ForEach(m => m.Forecast = m.Current);

        // Actual dates: milestones are done in order, on their baseline (a day or two early) unless late or stuck.
        DateOnly? previous = null;
        foreach (var (m, k) in plan.Select((m, k) => (m, k)))
        {
            DateOnly? done = StuckOn(p, m) ? null
                : LateOn(p, m) is { } late ? m.Current.AddDays(late.Days)
                : m.Current < today ? m.Current.AddDays(-((index + k) % 3))
                : null;
            if (done is not { } day)
            {
                break;
            }

            day = previous is { } prev && day < prev ? prev : day;
            Require(day <= today, profile, $"{m.Step.Name} would be done in the future");
            m.Actual = previous = day;
        }

        var commands = new List<ProjectCommand> { register };
        commands.AddRange(plan.Select(m => new ProjectCommand.PlanMilestone(m.Id, m.Step.Name, m.Step.Kind, m.Baseline, m.Step.IsKey)));
        commands.AddRange(p.Links.Select(l => link(p, index, plan.Single(m => m.Step.Kind == l.Milestone), l)));

        var forecasts = new List<ProjectCommand>();
        foreach (var m in plan)
        {
            if (SlipOn(p, m) is not { } slip)
            {
                continue;
            }

            Require(m.Actual is null, profile, $"{m.Step.Name} is done and cannot slip");
            foreach (var (days, reason) in new[] { (slip.Days, slip.Reason), (slip.ThenDays, slip.ThenReason ?? slip.Reason) })
            {
                if (days is { } d)
                {
                    m.Forecast = m.Current.AddDays(d);
                    Require(m.Forecast >= today, profile, $"the forecast of {m.Step.Name} lies in the past");
                    forecasts.Add(new ProjectCommand.ChangeForecast(m.Id, m.Forecast, reason));
                }
            }
        }

        // This year's investment plan (not for a closed project, which takes no more changes).
        var investment = profile.TotalInvestment ?? throw new InvalidDataException($"Demo project {profile.Name} has no totalInvestment.");
        var outlook = new Outlook(investment, index, plan, today);
        var annualPlan = outlook.AnnualPlan(today.Year);
        if (!p.Closed)
        {
            commands.Add(new ProjectCommand.SetAnnualPlan(today.Year, annualPlan));
        }

        // In date order; on one day a completion, then a report, then a plan change asked, then decided.
        var works = data.Categories.Single(c => c.Category == profile.Category).Works;
        var dated = plan.Where(m => m.Actual is not null).Select(m => (Day: m.Actual!.Value, Order: 0, Command: (ProjectCommand)new ProjectCommand.CompleteMilestone(m.Id, m.Actual!.Value)))
            .Concat(Reports(p, profile, works, index, plan, outlook, annualPlan, today).Select(r => (Day: r.ReportDate, Order: 1, Command: (ProjectCommand)r)))
            .Concat(changes.Select(c => (Day: c.Days.Asked, Order: 2, Command: (ProjectCommand)c.Request)))
            .Concat(changes.Where(c => c.Decision is not null).Select(c => (Day: c.Days.Decided!.Value, Order: 3, Command: c.Decision!)));
        commands.AddRange(dated.OrderBy(x => x.Day).ThenBy(x => x.Order).Select(x => x.Command));
        commands.AddRange(forecasts);

        foreach (var m in plan.Where(m => changes.Any(c => c.Names(m.Id))))
        {
            Require(m.Actual is null, profile, $"{m.Step.Name} is done, so no plan change names it");
        }

        if (p.Closed)
        {
            Require(plan.All(m => m.Actual is not null), profile, "only a finished project can be closed");
            Require(changes.Count == 0, profile, "a closed project takes no plan changes");
            commands.Add(new ProjectCommand.CloseProject(data.CloseReason));
        }

        return new DemoStream(id, register.Code, profile.Name, commands)
        {
            PlanChangeDays = changes.ToDictionary(c => c.Request.RequestId, c => c.Days),
        };
    }

    private sealed record ScriptedChange(ProjectCommand.RequestPlanChange Request, ProjectCommand? Decision, DemoPlanChangeDays Days)
    {
        public bool Names(Guid milestoneId) => Request.Changes.Baselines.Any(b => b.MilestoneId == milestoneId);
    }

    // Asked by the district's key, decided by the city office's; an approved change moves the baselines the rest follows.
    private static List<ScriptedChange> PlanChanges(DemoData data, DemoHistory p, ProjectProfile profile, List<Planned> plan, int index, DateOnly today)
    {
        if (p.PlanChanges.Count == 0)
        {
            return [];
        }

        var keys = data.PlanChangeKeys ?? throw new InvalidDataException("demo/portfolio.json has plan changes but no planChangeKeys.");
        var district = data.Districts.Single(d => d.Id == profile.District);
        var asking = (Id: DemoId($"key/{district.Id}"), Name: keys.Asking.Replace("{district}", district.Name, StringComparison.Ordinal));
        var deciding = (Id: DemoId("key/city-office"), Name: keys.Deciding);
        var meeting = Meeting(today);
        var last = today.AddDays(-ForecastsDaysAgo - 1);
        var targetYear = profile.TargetYear;
        var scripted = new List<ScriptedChange>();
        foreach (var (c, n) in p.PlanChanges.Select((c, n) => (c, n)))
        {
            var asked = today.AddDays(c.Asked);
            DateOnly? decided = c.Status == PlanChangeStatus.Pending ? null
                : c.AtMeeting ? meeting?.Date ?? throw new InvalidDataException("demo/portfolio.json has decisions at a meeting but no meeting.")
                : today.AddDays(c.Decided ?? throw new InvalidDataException($"Demo project {profile.Name}: a decided plan change needs decided or atMeeting."));
            Require(asked <= (decided ?? asked) && (decided ?? asked) <= last, profile, $"a plan change is asked, then decided, by {last:yyyy-MM-dd}");
            Require(c.Status != PlanChangeStatus.Rejected || !string.IsNullOrWhiteSpace(c.Comment), profile, "a rejection says why in its comment");

            var moves = c.Baselines.Select(b => (Milestone: MilestoneNamed(plan, b.Milestone, profile), b.Days)).ToList();
            var completion = moves.Where(b => b.Milestone.Step.Kind == Completion).Select(b => (int?)b.Milestone.Current.AddDays(b.Days).Year).FirstOrDefault();
            var changes = new PlanChangeSet
            {
                TotalInvestment = c.TotalInvestment,
                Scope = c.Scope,
                TargetYear = completion != targetYear ? completion : null,
                Baselines = [.. moves.Select(b => new BaselineChange(b.Milestone.Id, b.Milestone.Current.AddDays(b.Days)))],
            };
            var requestId = DemoId($"project/{index}/plan-change/{n}");
            var request = new ProjectCommand.RequestPlanChange(
                requestId, c.Reason, c.DocumentRef is { } docRef ? Dated(docRef, asked) : null, changes, asking.Id, asking.Name);
            ProjectCommand? decision = c.Status switch
            {
                PlanChangeStatus.Approved => new ProjectCommand.ApprovePlanChange(requestId, deciding.Id, deciding.Name, c.Comment, c.AtMeeting ? meeting!.Id : null),
                PlanChangeStatus.Rejected => new ProjectCommand.RejectPlanChange(requestId, deciding.Id, deciding.Name, c.Comment!, c.AtMeeting ? meeting!.Id : null),
                _ => null,
            };
            if (c.Status == PlanChangeStatus.Approved)
            {
                moves.ForEach(b => b.Milestone.Current = b.Milestone.Current.AddDays(b.Days));
                targetYear = changes.TargetYear ?? targetYear;
            }

            scripted.Add(new ScriptedChange(request, decision, new DemoPlanChangeDays(asked, decided)));
        }

        return scripted;
    }

    private static Planned MilestoneNamed(List<Planned> plan, string milestone, ProjectProfile profile) =>
        plan.SingleOrDefault(m => m.Step.Kind == MilestoneKind.Custom ? m.Step.Name == milestone : Json.WireName(m.Step.Kind) == milestone)
        ?? throw new InvalidDataException($"Demo project {profile.Name}: no milestone {milestone} to move.");

    private static string Dated(string text, DateOnly day) => text.Replace("{year}", day.Year.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);

    private sealed class Outlook
    {
        private readonly List<(DateOnly Day, decimal Percent)> curve;
        private readonly decimal investment;
        private readonly decimal spend;

        public Outlook(decimal investment, int index, List<Planned> plan, DateOnly today)
        {
            var expected = new Dictionary<MilestoneKind, DateOnly>();
            var running = DateOnly.MinValue;
            foreach (var m in plan.Where(m => m.Step.Kind != MilestoneKind.Custom))
            {
                var day = m.Actual ?? (m.Forecast >= today ? m.Forecast : today.AddDays(15));
                expected[m.Step.Kind] = running = day > running ? day : running;
            }

            Expected = expected;

            // Percent complete follows the expected schedule: 5% at groundbreaking, 80% at main works, 97% at completion.
            curve = [(expected[MilestoneKind.Approval], 0m), (expected[Groundbreaking], 5m)];
            if (expected.TryGetValue(MainWorks, out var mainWorks))
            {
                curve.Add((mainWorks, 80m));
            }

            curve.Add((expected[Completion], 97m));
            curve.Add((expected[InService], 100m));

            this.investment = investment;
            spend = 0.92m + (0.01m * (index % 6));
        }

        public IReadOnlyDictionary<MilestoneKind, DateOnly> Expected { get; }

        public decimal PercentOn(DateOnly day)
        {
            if (day <= curve[0].Day)
            {
                return 0m;
            }

            for (var s = 1; s < curve.Count; s++)
            {
                if (day < curve[s].Day)
                {
                    var (from, to) = (curve[s - 1], curve[s]);
                    var share = (decimal)(day.DayNumber - from.Day.DayNumber) / Math.Max(1, to.Day.DayNumber - from.Day.DayNumber);
                    return Math.Round(from.Percent + ((to.Percent - from.Percent) * share), 1, MidpointRounding.AwayFromZero);
                }
            }

            return 100m;
        }

        public decimal InvestedAt(decimal percent) => Math.Round(investment * percent / 100m * spend, 0, MidpointRounding.AwayFromZero);

        public decimal InvestedBefore(int year) => InvestedAt(PercentOn(new DateOnly(year, 1, 1)));

        // At least 3% of the total: a finished project still has final accounts and retentions to pay.
        public decimal AnnualPlan(int year)
        {
            var before = InvestedBefore(year);
            var planned = Math.Max(InvestedBefore(year + 1) - before, investment * 0.03m);
            return Math.Min(Math.Floor(planned / 10m) * 10m, investment - before);
        }
    }

    private static IEnumerable<ProjectCommand.ReportProgress> Reports(
        DemoHistory p, ProjectProfile profile, IReadOnlyList<string> works, int index, List<Planned> plan, Outlook outlook, decimal annualPlan, DateOnly today)
    {
        var expected = outlook.Expected;
        var finished = plan.All(m => m.Actual is not null);
        var last = today.AddDays(-(p.LastReport ?? (3 + (index * 7 % 10))));
        if (finished && plan[^1].Actual!.Value.AddDays(3) < last)
        {
            last = plan[^1].Actual!.Value.AddDays(3);
        }

        var first = expected[MilestoneKind.Approval].AddDays(10);
        Require(p.Reports is >= 2 and <= 6, profile, "reports are 2 to 6");
        var spacing = Math.Min(30, (last.DayNumber - first.DayNumber) / (p.Reports - 1));
        Require(spacing >= 7, profile, "too little time since approval for its reports");

        // The latest report puts this year's investment Pace.Points behind pro-rata time (序时进度), capped early in the
        // year so nobody is far behind in January; a closed project has no plan, its investment follows its schedule.
        var proRata = 100m * today.DayOfYear / (DateTime.IsLeapYear(today.Year) ? 366 : 365);
        var behind = p.Pace is { } pace ? Math.Min(pace.Points, proRata * 0.75m) : -(index % 4);
        var shareByLast = Math.Clamp(proRata - behind, 0m, 100m) / 100m;
        decimal ThisYearOn(DateOnly day) =>
            Math.Round(annualPlan * shareByLast * day.DayOfYear / last.DayOfYear, 0, MidpointRounding.AwayFromZero);

        var troubles = p.Slips.Select(s => (Early: s.Reason, Latest: s.ThenReason ?? s.Reason)).ToList();
        var stuck = plan.FirstOrDefault(m => StuckOn(p, m));
        var (early, middle, late) = (works[0], works[1], works[2]);
        var previous = -1m;
        var previousInvested = 0m;
        for (var r = 0; r < p.Reports; r++)
        {
            var day = last.AddDays(-spacing * (p.Reports - 1 - r));
            var percent = outlook.PercentOn(day);
            percent = percent > previous ? percent : Math.Min(100m, previous + 0.5m);
            previous = percent;

            var next = plan.FirstOrDefault(m => (m.Actual ?? DateOnly.MaxValue) > day)?.Step;
            var phase = day < expected[Groundbreaking]
                ? next?.Kind == Groundbreaking ? "前期手续已基本办结，正在开展施工准备" : $"前期工作推进中，正在办理{next?.Name}相关手续"
                : day < expected[Completion] ? (percent < 35m ? early : percent < 80m ? middle : late)
                : day < expected[InService] ? $"已通过竣工验收，{plan[^1].Step.Name}准备工作有序推进"
                : $"已完成“{plan[^1].Step.Name}”，正在开展竣工决算审计";
            var investedBeforeThisYear = outlook.InvestedBefore(day.Year);
            var invested = Math.Max(
                previousInvested,
                day.Year == today.Year && !p.Closed ? investedBeforeThisYear + ThisYearOn(day) : outlook.InvestedAt(percent));
            previousInvested = invested;
            var investedThisYear = Math.Max(0m, invested - investedBeforeThisYear);

            var notes = new List<string>();
            if (r >= p.Reports - 2)
            {
                notes.AddRange(troubles.Count > 0 ? troubles.Select(t => r == p.Reports - 1 ? t.Latest : t.Early)
                    : stuck is not null ? [$"{stuck.Step.Name}节点已超过基准日期，正在倒排工期加快推进"]
                    : []);
                if (p.Pace is { } lag && day.Year == today.Year && behind >= 10m)
                {
                    notes.Add($"本年投资完成慢于序时进度，{lag.Reason}");
                }
            }

            yield return new ProjectCommand.ReportProgress(
                DemoId($"project/{index}/report/{r}"),
                day,
                percent,
                invested,
                investedThisYear,
                Math.Min(profile.TotalInvestment!.Value, Math.Round(invested * 1.1m, 0, MidpointRounding.AwayFromZero)),
                string.Create(CultureInfo.InvariantCulture, $"{phase}，形象进度{percent}%，累计完成投资{invested}万元，其中本年{investedThisYear}万元。"),
                notes.Count == 0 ? null : string.Join("；", notes.Distinct()));
        }
    }

    private static DemoLate? LateOn(DemoHistory p, Planned m) =>
        m.Step.Kind == MilestoneKind.Custom ? null : p.Late.FirstOrDefault(t => t.Milestone == m.Step.Kind);

    private static bool StuckOn(DemoHistory p, Planned m) => m.Step.Kind != MilestoneKind.Custom && p.Stuck.Contains(m.Step.Kind);

    private static DemoSlip? SlipOn(DemoHistory p, Planned m) =>
        m.Step.Kind == MilestoneKind.Custom ? null : p.Slips.FirstOrDefault(t => t.Milestone == m.Step.Kind);

    /// <summary>A stable id for a name (SHA-256, RFC 9562 version 8), so every seed gives the same ids.</summary>
    private static Guid DemoId(string name)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes($"projecttracker-demo/{name}"))[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }

    private static void Require(bool condition, ProjectProfile p, string problem)
    {
        if (!condition)
        {
            throw new InvalidOperationException($"Demo project {p.Name}: {problem}.");
        }
    }
}
