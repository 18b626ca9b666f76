using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using ProjectTracker.Api.Features.Demo;
using ProjectTracker.Api.Tests.Support;
using ProjectTracker.Domain.Issues;
using ProjectTracker.Domain.Portfolio;
using ProjectTracker.Domain.Projects;
using ProjectTracker.Domain.Schedule;

namespace ProjectTracker.Api.Tests.Demo;

/// <summary>
/// The demo portfolio loaded at start-up (Demo:Seed). Each database test makes its own database, since
/// seeding only happens into an empty one; TrackerApp's shared database would not do.
/// </summary>
public sealed class DemoPortfolioTests
{

    private static readonly DateTimeOffset Now = new(2026, 6, 15, 10, 0, 0, TimeSpan.FromHours(8));

    private static readonly Rag[] EveryLight = [Rag.Green, Rag.Amber, Rag.Red];

    [Fact]
    public async Task Seeding_an_empty_database_loads_a_portfolio_with_every_category_and_every_light()
    {
        await using var database = await TestDatabase.Create("pt_demo");
        await using var host = DemoHost(database.ConnectionString, seed: true);

        var projects = await Projects(host);

        Assert.InRange(projects.Count, 35, 60);
        Assert.Equal(
            Enum.GetValues<Category>().Select(WireName).Order(StringComparer.Ordinal),
            projects.Select(p => p.GetProperty("category").GetString()!).Distinct().Order(StringComparer.Ordinal));
        Assert.True(projects.Select(p => p.GetProperty("district").GetString()).Distinct().Count() >= 6);
        var lights = projects.Select(p => p.GetProperty("rag").GetString()).ToHashSet();
        Assert.Superset(new HashSet<string?> { "red", "amber", "green" }, lights);
        Assert.Contains(projects, p => p.GetProperty("status").GetString() == "closed");
        Assert.All(projects, p => Assert.InRange(p.GetProperty("progressReportCount").GetInt32(), 2, 6));

        var districts = await host.Client().GetFromJsonAsync<JsonElement>("/api/v1/districts");
        Assert.True(districts.GetArrayLength() >= 8);
    }

    [Fact]
    public async Task Without_a_mail_server_the_demo_writes_its_overdue_alerts_as_readable_eml_files()
    {
        await using var database = await TestDatabase.Create("pt_demo");
        await using var host = DemoHost(database.ConnectionString, seed: true);
        await Projects(host);

        var mails = Directory.GetFiles(host.PickupDirectory, "*.eml").Select(f => MimeMessage.Load(f)).ToList();

        Assert.NotEmpty(mails);
        Assert.Contains(mails, m => m.Subject is { } s && s.StartsWith("【预警】", StringComparison.Ordinal) && s.Contains("已逾期", StringComparison.Ordinal));
        Assert.Contains(mails, m => m.To.Mailboxes.Any(b => b.Address.StartsWith("leader.", StringComparison.Ordinal)));
        Assert.All(mails, m =>
        {
            Assert.Contains("重点项目", m.TextBody);
            Assert.Contains("lang=\"zh-CN\"", m.HtmlBody);
            Assert.False(string.IsNullOrEmpty(m.MessageId));
        });
        // One digest per address.
        Assert.Equal(mails.Count, mails.Select(m => m.To.Mailboxes.Single().Address).Distinct().Count());
    }

    [Fact]
    public async Task The_demo_history_is_written_by_demo_seed_through_events()
    {
        await using var database = await TestDatabase.Create("pt_demo");
        await using var host = DemoHost(database.ConnectionString, seed: true);
        var project = (await Projects(host)).First(p => p.GetProperty("status").GetString() == "closed");

        var history = await host.Client().GetFromJsonAsync<JsonElement>($"/api/v1/projects/{project.GetProperty("id").GetString()}/history");

        var entries = history.EnumerateArray().ToList();
        Assert.Equal("project-registered", entries[0].GetProperty("type").GetString());
        Assert.Equal("project-closed", entries[^1].GetProperty("type").GetString());
        Assert.Contains(entries, e => e.GetProperty("type").GetString() == "progress-reported");
        Assert.All(entries, e => Assert.Equal(SeedDemoPortfolio.SeededBy, e.GetProperty("by").GetString()));
    }

    [Fact]
    public async Task Right_after_seeding_every_light_shows_with_its_reasons_and_is_the_one_recorded()
    {
        await using var database = await TestDatabase.Create("pt_demo");
        await using var host = DemoHost(database.ConnectionString, seed: true);
        var client = host.Client();

        var projects = await Items(client, "/api/v1/projects?pageSize=100");

        Assert.Equal(DemoPortfolio.Projects.Count, projects.Count);
        Assert.Equal(["amber", "green", "red"], projects.Select(LightOf).Distinct().Order(StringComparer.Ordinal));
        // Green has no reasons but the green note of a slip an approved change hid; amber and red have theirs; the light
        // the seed recorded is the live one.
        Assert.All(projects, p => Assert.Equal(LightOf(p) == "green", p.GetProperty("reasons").EnumerateArray().All(r => r.Str("severity") == "green")));
        Assert.All(projects, p => Assert.Equal(LightOf(p), p.GetProperty("flaggedRag").GetString()));
        var reasons = projects.SelectMany(p => p.GetProperty("reasons").EnumerateArray()).ToList();
        Assert.Equal(
            ["investment-pace", "knock-on", "milestone-slip", "overdue-key-milestone", "slip-hidden-by-rebaseline", "stale-reporting"],
            reasons.Select(r => r.GetProperty("rule").GetString()!).Distinct().Order(StringComparer.Ordinal));
        Assert.All(reasons, r => Assert.False(string.IsNullOrWhiteSpace(r.GetProperty("text").GetString())));
        var pace = reasons.Where(r => r.GetProperty("rule").GetString() == "investment-pace").ToList();
        Assert.Equal(["amber", "red"], pace.Select(r => r.GetProperty("severity").GetString()!).Distinct().Order(StringComparer.Ordinal));
        Assert.All(pace, r => Assert.True(r.GetProperty("pointsBehind").GetDecimal() >= 10m));
        Assert.All(
            reasons.Where(r => r.GetProperty("rule").GetString() == "stale-reporting"),
            r => Assert.True(r.GetProperty("daysSinceReport").GetInt32() >= 14));
        // Every active project has a plan for this year's investment.
        Assert.All(
            projects.Where(p => p.GetProperty("status").GetString() == "active"),
            p => Assert.True(p.GetProperty("annualPlans").TryGetProperty("2026", out var planned) && planned.GetDecimal() > 0));

        // Two chains across projects (明确节点): the road waits for the village's land clearance, the hub's completion for
        // the metro line's station; both predecessors are late, so both successors are red by knock-on alone.
        var knockOn = reasons.Where(r => r.GetProperty("rule").GetString() == "knock-on").Select(r => r.Str("text")).Order(StringComparer.Ordinal);
        Assert.Equal(
            [
                "主体工程完工 因前置节点「征收补偿安置方案批复」预计延误 140 天，本节点预计延误 64 天",
                "竣工验收 因前置节点「轨道铺通及车站主体完工」预计延误 75 天，本节点预计延误 43 天（关键节点）",
            ],
            knockOn);

        // The rag filter goes by the recorded light: right after seeding, exactly the red ones.
        var red = await Items(client, "/api/v1/projects?rag=red&pageSize=100");

        Assert.Equal(
            projects.Where(p => LightOf(p) == "red").Select(IdOf).Order(StringComparer.Ordinal),
            red.Select(IdOf).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_seed_records_the_light_of_each_project_it_judges_not_green()
    {
        await using var database = await TestDatabase.Create("pt_demo");
        await using var host = DemoHost(database.ConnectionString, seed: true);
        var client = host.Client();
        var project = (await Items(client, "/api/v1/projects?rag=red&pageSize=100"))[0];

        var history = await client.GetFromJsonAsync<JsonElement>($"/api/v1/projects/{IdOf(project)}/history");

        var types = history.EnumerateArray().Select(e => e.GetProperty("type").GetString()).ToList();
        Assert.Contains("annual-plan-set", types);
        Assert.Contains("milestone-slip-flagged", types);
        Assert.Equal("project-rag-changed", types[^1]);
    }

    [Fact]
    public async Task The_demo_has_plan_changes_in_every_state_and_a_committee_meeting_whose_minutes_list_its_decisions()
    {
        await using var database = await TestDatabase.Create("pt_demo");
        await using var host = DemoHost(database.ConnectionString, seed: true);
        var client = host.Client();
        await Projects(host);

        var pending = await Items(client, "/api/v1/plan-changes?status=pending&pageSize=100");
        var approved = await Items(client, "/api/v1/plan-changes?status=approved&pageSize=100");
        var rejected = await Items(client, "/api/v1/plan-changes?status=rejected&pageSize=100");

        Assert.True(pending.Count >= 2);
        Assert.True(approved.Count >= 2);
        Assert.NotEmpty(rejected);
        Assert.All(rejected, r => Assert.False(string.IsNullOrWhiteSpace(r.Str("comment"))));
        Assert.All(approved.Concat(rejected), c =>
        {
            Assert.NotEqual(c.Str("requestedBy"), c.Str("decidedBy"));
            Assert.True(c.GetProperty("requestedAt").GetDateTimeOffset() < c.GetProperty("decidedAt").GetDateTimeOffset());
            Assert.True(c.GetProperty("decidedAt").GetDateTimeOffset() < Now);
        });
        Assert.All(pending, c => Assert.True(c.GetProperty("requestedAt").GetDateTimeOffset() < Now));
        // One approval changes several parts of the plan at once, with the values it replaced.
        var several = Assert.Single(approved, c => c.GetProperty("changes").GetProperty("baselines").GetArrayLength() > 0
            && c.GetProperty("changes").GetProperty("totalInvestment").ValueKind == JsonValueKind.Number
            && c.GetProperty("changes").GetProperty("scope").ValueKind == JsonValueKind.String);
        Assert.NotEqual(several.GetProperty("before").Str("scope"), several.GetProperty("changes").Str("scope"));
        Assert.All(several.GetProperty("baselineMoves").EnumerateArray(), m => Assert.True(m.GetProperty("daysMoved").GetInt32() > 0));

        // The project shows its original plan beside the current one.
        var project = await client.GetFromJsonAsync<JsonElement>($"/api/v1/projects/{several.Str("projectId")}");
        var original = project.GetProperty("originalPlan");
        Assert.Equal(several.GetProperty("before").GetProperty("totalInvestment").GetDecimal(), original.GetProperty("totalInvestment").GetDecimal());
        Assert.Equal(several.GetProperty("changes").GetProperty("totalInvestment").GetDecimal(), project.GetProperty("totalInvestment").GetDecimal());
        Assert.Equal(several.GetProperty("changes").Str("scope"), project.Str("scope"));
        Assert.Equal(1, project.GetProperty("planChanges").GetProperty("approved").GetInt32());
        Assert.True(project.GetProperty("planChanges").GetProperty("daysMovedAbsolute").GetInt32() > 0);

        // The meeting took an approval and a rejection; its minutes are those decisions.
        var meetingId = Assert.Single(approved.Concat(rejected).Select(c => c.GetProperty("meetingId")).Where(m => m.ValueKind == JsonValueKind.String).Select(m => m.GetString()).Distinct());
        var minutes = await client.GetFromJsonAsync<JsonElement>($"/api/v1/committee-meetings/{meetingId}");
        Assert.Matches(@"^市规划委员会\d{4}年第[1-4]次会议$", minutes.Str("title"));
        Assert.True(DateOnly.Parse(minutes.Str("date"), CultureInfo.InvariantCulture) < ShanghaiCalendar.Today(Now));
        var decisions = minutes.GetProperty("decisions").EnumerateArray().ToList();
        Assert.Equal(["approved", "rejected"], decisions.Select(d => d.Str("status")).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(
            approved.Concat(rejected).Where(c => c.GetProperty("meetingId").GetString() == meetingId).Select(c => c.Str("id")).Order(StringComparer.Ordinal),
            decisions.Select(d => d.Str("id")).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_pending_demo_change_can_be_approved_by_the_city_office_and_moves_the_plan()
    {
        await using var database = await TestDatabase.Create("pt_demo");
        await using var host = DemoHost(database.ConnectionString, seed: true);
        var client = host.Client();
        await Projects(host);
        var change = (await Items(client, "/api/v1/plan-changes?status=pending&pageSize=100"))
            .First(c => c.GetProperty("changes").GetProperty("baselines").GetArrayLength() > 0);

        var decided = await (await client.PostJson($"/api/v1/plan-changes/{change.Str("id")}/approve", new { comment = "同意。" })).Expect(HttpStatusCode.OK);

        Assert.Equal("approved", decided.Str("status"));
        var project = await client.GetFromJsonAsync<JsonElement>($"/api/v1/projects/{change.Str("projectId")}");
        var milestones = project.GetProperty("milestones").EnumerateArray().ToDictionary(m => m.Str("id"), m => m.Str("baselineDate"));
        Assert.All(change.GetProperty("changes").GetProperty("baselines").EnumerateArray(), b =>
            Assert.Equal(b.Str("newBaselineDate"), milestones[b.Str("milestoneId")]));
    }

    [Fact]
    public async Task A_second_host_on_the_same_database_adds_nothing()
    {
        await using var database = await TestDatabase.Create("pt_demo");
        int first;
        await using (var host = DemoHost(database.ConnectionString, seed: true))
        {
            first = (await Projects(host)).Count;
        }

        await using var again = DemoHost(database.ConnectionString, seed: true);

        Assert.Equal(first, (await Projects(again)).Count);
    }

    [Fact]
    public async Task Two_hosts_starting_at_once_seed_once()
    {
        await using var database = await TestDatabase.Create("pt_demo");
        // The schema first, so that the race is the seed's and not the schema migration's.
        await using (var schema = DemoHost(database.ConnectionString, seed: false))
        {
            Assert.Empty(await Projects(schema));
        }

        await using var one = DemoHost(database.ConnectionString, seed: true);
        await using var two = DemoHost(database.ConnectionString, seed: true);
        await Task.WhenAll(Task.Run(one.StartServer), Task.Run(two.StartServer));

        Assert.Equal(DemoPortfolio.Projects.Count, (await Projects(one)).Count);
    }

    /// <summary>
    /// Dates are relative to the day it runs: every day of a leap year and beyond, the whole script is valid,
    /// the schedule alone shows every light, and so does the full assessment the seed records, with its reasons.
    /// </summary>
    [Fact]
    public void The_script_is_valid_on_any_day_and_always_shows_red_amber_and_green()
    {
        var thresholds = StatusThresholds.Default;
        for (var day = new DateOnly(2027, 12, 25); day <= new DateOnly(2029, 1, 5); day = day.AddDays(1))
        {
            var now = new DateTimeOffset(day.ToDateTime(new TimeOnly(9, 0)), TimeSpan.FromHours(8));
            var streams = DemoPortfolio.Build(day);
            var states = SeedDemoPortfolio.EventsOf(streams, now, thresholds).Select(events => events.Aggregate((Project?)null, Project.Evolve)! with { RegisteredAt = now }).ToList();
            var judged = StatusRules.AssessAll(states, day, thresholds);
            var assessed = states.Select(p => judged[p.Id]).ToList();

            Assert.Equal(streams.Count, streams.Select(s => s.Code).Distinct().Count());
            Assert.All(streams, s => Assert.True(ProjectCode.IsWellFormed(s.Code), s.Code));
            Assert.Equal(Enum.GetValues<Category>().Length, states.Select(p => p.Profile.Category).Distinct().Count());
            Assert.Equal(EveryLight, states.Select(p => SlipRules.ScheduleRag(p, day, SlipThresholds.Default)).Distinct().Order());
            Assert.Contains(states, p => p.LatestProgress is { } latest && day.DayNumber - latest.ReportDate.DayNumber > 14);

            Assert.Equal(Enum.GetValues<PlanChangeStatus>(), states.SelectMany(p => p.PlanChanges).Select(c => c.Status).Distinct().Order());
            Assert.Equal(EveryLight, assessed.Select(a => a.Rag).Distinct().Order());
            Assert.Equal(assessed.Select(a => a.Rag), states.Select(p => p.FlaggedRag));
            Assert.All(assessed, a => Assert.Equal(a.Rag == Rag.Green, a.Reasons.All(r => r.Severity == Rag.Green)));
            Assert.All(states.Where(p => p.TakesChanges), p => Assert.True(p.AnnualPlans[day.Year] > 0));
            var reasons = assessed.SelectMany(a => a.Reasons).ToList();
            Assert.Contains(reasons, r => r.Rule == StatusRule.StaleReporting);
            Assert.Contains(reasons, r => r.Rule == StatusRule.OverdueKeyMilestone);
            // With enough of the year gone, some projects lag on this year's investment: amber, later also red.
            var pace = reasons.Where(r => r.Rule == StatusRule.InvestmentPace).Select(r => r.Severity).ToHashSet();
            if (day.DayOfYear >= 75)
            {
                Assert.Contains(Rag.Amber, pace);
            }

            if (day.DayOfYear >= 160)
            {
                Assert.Contains(Rag.Red, pace);
            }
        }
    }

    [Fact]
    public void The_script_is_the_same_every_time()
    {
        var day = new DateOnly(2026, 6, 15);

        var first = DemoPortfolio.Build(day);
        var second = DemoPortfolio.Build(day);

        Assert.Equal(first.Select(s => (s.Id, s.Code)), second.Select(s => (s.Id, s.Code)));
        // As JSON: a plan change's lists compare by reference in the records.
        Assert.Equal(first.SelectMany(s => s.Commands).Select(Serialized), second.SelectMany(s => s.Commands).Select(Serialized));
        Assert.Equal(first.SelectMany(s => s.PlanChangeDays), second.SelectMany(s => s.PlanChangeDays));
    }

    [Fact]
    public async Task The_demo_has_supervised_issues_raised_from_reports_overdue_escalated_resolved_and_closed_late()
    {
        await using var database = await TestDatabase.Create("pt_demo");
        await using var host = DemoHost(database.ConnectionString, seed: true);
        var client = host.Client();
        await Projects(host);

        var issues = await Items(client, "/api/v1/issues?pageSize=100");

        Assert.Equal(["closed", "open", "resolved"], issues.Select(i => i.Str("status")).Distinct().Order(StringComparer.Ordinal));
        Assert.True(issues.Count(i => i.GetProperty("progressReportId").ValueKind == JsonValueKind.String) >= 2);
        Assert.All(issues, i => Assert.False(string.IsNullOrWhiteSpace(i.Str("unitName"))));
        var overdue = await Items(client, "/api/v1/issues?overdue=true&pageSize=100");
        Assert.True(overdue.Count >= 2);
        // The seed's own alerts run escalated the issue overdue longest to its district leader.
        var escalated = Assert.Single(overdue, i => i.Str("escalation") == "district-leader");
        Assert.True(escalated.GetProperty("daysOverdue").GetInt32() >= 7);
        var closed = issues.Where(i => i.Str("status") == "closed").ToList();
        Assert.Equal([false, true], closed.Select(i => i.GetProperty("closedOnTime").GetBoolean()).Order());

        var history = await client.GetFromJsonAsync<JsonElement>($"/api/v1/issues/{closed[0].Str("id")}/history");
        Assert.Equal(["issue-raised", "issue-resolved", "issue-closed"], history.EnumerateArray().Select(e => e.Str("type")));
        Assert.All(history.EnumerateArray(), e => Assert.Equal(SeedDemoPortfolio.SeededBy, e.Str("by")));
        var raised = history.EnumerateArray().Select(e => e.GetProperty("at").GetDateTimeOffset()).ToList();
        Assert.Equal(raised.Order(), raised);
        Assert.True(raised[^1] < Now);
    }

    [Fact]
    public void The_issue_script_is_valid_on_any_day_and_the_same_every_time()
    {
        for (var day = new DateOnly(2027, 12, 25); day <= new DateOnly(2029, 1, 5); day = day.AddDays(7))
        {
            var now = new DateTimeOffset(day.ToDateTime(new TimeOnly(9, 0)), TimeSpan.FromHours(8));
            var streams = DemoPortfolio.Build(day);
            var issues = DemoPortfolio.Issues(day, streams)
                .Select(i => SeedDemoPortfolio.IssueEventsOf(i, now).Select(e => e.Event).Aggregate((Issue?)null, Issue.Evolve)!)
                .ToList();

            Assert.Equal(Enum.GetValues<IssueStatus>(), issues.Select(i => i.Status).Distinct().Order());
            Assert.Contains(issues, i => i.DaysOverdue(day) >= 7);
            Assert.Contains(issues, i => i.IsOverdueOn(day) && i.DaysOverdue(day) < 7);
            Assert.Equal([false, true], issues.Where(i => i.Status == IssueStatus.Closed).Select(i => i.ClosedOnTime).Order());
            // Raised from a report: the project's latest, on or before the day the issue was raised.
            var reports = streams.SelectMany(s => s.Commands.OfType<ProjectCommand.ReportProgress>()).ToDictionary(r => r.ReportId, r => r.ReportDate);
            Assert.All(issues.Where(i => i.ProgressReportId is not null), i => Assert.True(reports[i.ProgressReportId!.Value] <= i.RaisedOn));
        }

        var today = new DateOnly(2026, 6, 15);
        Assert.Equal(
            DemoPortfolio.Issues(today, DemoPortfolio.Build(today)).SelectMany(i => i.Steps).Select(s => $"{s.Day} {JsonSerializer.Serialize<object>(s.Command)}"),
            DemoPortfolio.Issues(today, DemoPortfolio.Build(today)).SelectMany(i => i.Steps).Select(s => $"{s.Day} {JsonSerializer.Serialize<object>(s.Command)}"));
    }

    [Fact]
    public async Task The_demo_portfolio_is_on_the_map_its_projects_mostly_located_around_Luoyang_and_every_district_outlined()
    {
        await using var database = await TestDatabase.Create("pt_demo");
        await using var host = DemoHost(database.ConnectionString, seed: true);
        var client = host.Client();

        var projects = await Projects(host);
        var map = await client.GetFromJsonAsync<JsonElement>("/api/v1/public/geojson");
        var districtMap = await client.GetFromJsonAsync<JsonElement>("/api/v1/public/geojson/districts");

        var located = projects.Where(p => p.GetProperty("location").ValueKind == JsonValueKind.Object).ToList();
        Assert.True(located.Count >= projects.Count * 9 / 10, $"{located.Count} of {projects.Count} demo projects have a location.");
        Assert.Equal(
            ["LineString", "MultiLineString", "MultiPoint", "MultiPolygon", "Point", "Polygon"],
            located.Select(p => p.GetProperty("location").GetProperty("type").GetString()!).Distinct().Order(StringComparer.Ordinal));
        // Around Luoyang (its districts and counties lie within about 111.2–113.0 E, 33.6–35.1 N), so inside the API's ranges too.
        Assert.All(located.SelectMany(p => Positions(p.GetProperty("location").GetProperty("coordinates"))), position =>
        {
            Assert.InRange(position[0], 111.2, 113.0);
            Assert.InRange(position[1], 33.6, 35.1);
        });
        Assert.Equal(
            located.Where(p => p.GetProperty("isPublic").GetBoolean() && p.GetProperty("status").GetString() != "cancelled").Select(IdOf).Order(StringComparer.Ordinal),
            map.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("id").GetString()!).Order(StringComparer.Ordinal));
        Assert.Equal(
            DemoPortfolio.Districts.Select(d => d.Id).Order(StringComparer.Ordinal),
            districtMap.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("id").GetString()!));
        Assert.All(districtMap.GetProperty("features").EnumerateArray(), f => Assert.Equal("Polygon", f.GetProperty("geometry").GetProperty("type").GetString()));
    }

    // Every [longitude, latitude] of a geometry's coordinates, however deeply nested.
    private static IEnumerable<double[]> Positions(JsonElement coordinates) =>
        coordinates[0].ValueKind == JsonValueKind.Number
            ? [[.. coordinates.EnumerateArray().Select(n => n.GetDouble())]]
            : coordinates.EnumerateArray().SelectMany(Positions);

    private static string Serialized(ProjectCommand command) => $"{command.GetType().Name} {JsonSerializer.Serialize<object>(command)}";

    private static Task<List<JsonElement>> Projects(ApiHost host) => Items(host.Client(), "/api/v1/projects?pageSize=500");

    private static async Task<List<JsonElement>> Items(HttpClient client, string url)
    {
        var page = await client.GetFromJsonAsync<JsonElement>(url);
        return [.. page.GetProperty("items").EnumerateArray()];
    }

    private static string LightOf(JsonElement project) => project.GetProperty("rag").GetString()!;

    private static string IdOf(JsonElement project) => project.GetProperty("id").GetString()!;

    private static string WireName(Category category) =>
        JsonNamingPolicy.KebabCaseLower.ConvertName(category.ToString());

    /// <summary>The API with Demo:Seed on its own database, "now" fixed as in TrackerApp.</summary>
    private static ApiHost DemoHost(string connectionString, bool seed) =>
        new(connectionString, new FakeTimeProvider(Now.ToUniversalTime()), new Dictionary<string, string>
        {
            [SeedDemoPortfolio.ConfigurationKey] = seed ? "true" : "false",
        });
}
