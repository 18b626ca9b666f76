using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ProjectTracker.Api.Tests.Operations;
using ProjectTracker.Api.Tests.Support;

namespace ProjectTracker.Api.Tests.Issues;

/// <summary>Supervised issues (督办): raised on a project, resolved by their unit, closed or reopened by the city office.</summary>
[Collection(ApiCollection.Name)]
public sealed class IssueTests(TrackerApp app)
{
    private static readonly DateOnly Today = TrackerApp.Today;

    private readonly Scenario given = new(app);

    [Fact]
    public async Task Raising_an_issue_answers_201_with_its_location_version_and_the_unit_it_is_assigned_to()
    {
        var unit = await given.NewUnit();
        var project = await given.NewProject();

        var response = await given.Admin.PostJson($"/api/v1/projects/{project.Str("id")}/issues", IssueTestKit.IssueBody(unit, Today.AddDays(14)));

        var issue = await response.Expect(HttpStatusCode.Created);
        Assert.Equal($"/api/v1/issues/{issue.Str("id")}", response.Headers.Location?.OriginalString);
        Assert.Equal(1, response.ETag());
        Assert.Equal((project.Str("id"), project.Str("code"), project.Str("district")), (issue.Str("projectId"), issue.Str("projectCode"), issue.Str("district")));
        Assert.Equal(("交通导改方案待批复", unit, $"测试责任单位{unit}"), (issue.Str("title"), issue.Str("unit"), issue.Str("unitName")));
        Assert.Equal(("open", false, 0), (issue.Str("status"), issue.GetProperty("overdue").GetBoolean(), issue.GetProperty("daysOverdue").GetInt32()));
        Assert.Equal((Iso(Today), Iso(Today.AddDays(14)), "bootstrap-admin"), (issue.Str("raisedOn"), issue.Str("dueDate"), issue.Str("raisedBy")));

        var read = await (await given.Admin.GetAsync($"/api/v1/issues/{issue.Str("id")}")).Expect(HttpStatusCode.OK);
        Assert.Equal(issue.ToString(), read.ToString());
    }

    [Fact]
    public async Task An_issue_raised_with_a_past_due_date_is_recorded_as_overdue()
    {
        var unit = await given.NewUnit();
        var project = await given.NewProject();

        var issue = await given.Admin.NewIssue(project.Str("id"), unit, Today.AddDays(-5));

        Assert.Equal((true, 5), (issue.GetProperty("overdue").GetBoolean(), issue.GetProperty("daysOverdue").GetInt32()));
    }

    [Fact]
    public async Task An_issue_raised_from_a_progress_report_names_it_and_only_a_report_of_that_project_is_accepted()
    {
        var unit = await given.NewUnit();
        var project = await given.NewProject();
        var other = await given.NewProject();
        var report = await (await given.Admin.PostJson($"/api/v1/projects/{project.Str("id")}/progress-reports", ProjectTestKit.ProgressBody())).Expect(HttpStatusCode.Created);
        var elsewhere = await (await given.Admin.PostJson($"/api/v1/projects/{other.Str("id")}/progress-reports", ProjectTestKit.ProgressBody())).Expect(HttpStatusCode.Created);

        var raised = await (await given.Admin.PostJson($"/api/v1/projects/{project.Str("id")}/issues", IssueTestKit.IssueBody(unit, Today.AddDays(7), report.Str("id"))))
            .Expect(HttpStatusCode.Created);
        var fromOther = await given.Admin.PostJson($"/api/v1/projects/{project.Str("id")}/issues", IssueTestKit.IssueBody(unit, Today.AddDays(7), elsewhere.Str("id")));
        var unknown = await given.Admin.PostJson($"/api/v1/projects/{project.Str("id")}/issues", IssueTestKit.IssueBody(unit, Today.AddDays(7), Guid.NewGuid().ToString()));

        Assert.Equal(report.Str("id"), raised.Str("progressReportId"));
        await fromOther.ExpectProblem(HttpStatusCode.BadRequest, "progressReportId");
        await unknown.ExpectProblem(HttpStatusCode.BadRequest, "progressReportId");
    }

    [Fact]
    public async Task Raising_refuses_an_unknown_unit_a_missing_title_or_due_date_and_an_unknown_project()
    {
        var unit = await given.NewUnit();
        var projectId = (await given.NewProject()).Str("id");
        var url = $"/api/v1/projects/{projectId}/issues";

        await (await given.Admin.PostJson(url, IssueTestKit.IssueBody("no-such-unit", Today))).ExpectProblem(HttpStatusCode.BadRequest, "unit");
        await (await given.Admin.PostJson(url, new { unit, dueDate = Today })).ExpectProblem(HttpStatusCode.BadRequest, "title");
        await (await given.Admin.PostJson(url, new { title = "问题", unit })).ExpectProblem(HttpStatusCode.BadRequest, "dueDate");
        await (await given.Admin.PostJson(url, new { title = new string('问', 201), unit, dueDate = Today })).ExpectProblem(HttpStatusCode.BadRequest, "title");
        await (await given.Admin.PostJson($"/api/v1/projects/{Guid.NewGuid()}/issues", IssueTestKit.IssueBody(unit, Today))).ExpectProblem(HttpStatusCode.NotFound);
        Assert.Empty(await given.Admin.Issues($"projectId={projectId}"));
    }

    [Fact]
    public async Task A_district_key_raises_issues_on_its_own_districts_projects_only_and_readers_and_strangers_none()
    {
        var unit = await given.NewUnit();
        var district = await given.NewDistrict();
        var project = await given.NewProject(district);
        var url = $"/api/v1/projects/{project.Str("id")}/issues";
        var own = app.Client(await given.NewKey("district", district));
        var other = app.Client(await given.NewKey("district", await given.NewDistrict()));
        var reader = app.Client(await given.NewKey("reader"));

        var raised = await (await own.PostJson(url, IssueTestKit.IssueBody(unit, Today))).Expect(HttpStatusCode.Created);
        await (await other.PostJson(url, IssueTestKit.IssueBody(unit, Today))).ExpectProblem(HttpStatusCode.Forbidden);
        await (await reader.PostJson(url, IssueTestKit.IssueBody(unit, Today))).ExpectProblem(HttpStatusCode.Forbidden);
        await (await app.Client(null).PostJson(url, IssueTestKit.IssueBody(unit, Today))).ExpectProblem(HttpStatusCode.Unauthorized);

        Assert.Equal([raised.Str("id")], (await given.Admin.Issues($"projectId={project.Str("id")}")).Select(i => i.Str("id")));
        // Readers read issues as they read projects.
        await (await reader.GetAsync($"/api/v1/issues/{raised.Str("id")}")).Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task No_issue_is_raised_on_a_closed_project()
    {
        var unit = await given.NewUnit();
        var project = await given.NewProject();
        await (await given.Admin.PostJson($"/api/v1/projects/{project.Str("id")}/close", new { remark = "竣工" })).Expect(HttpStatusCode.OK);

        await (await given.Admin.PostJson($"/api/v1/projects/{project.Str("id")}/issues", IssueTestKit.IssueBody(unit, Today))).ExpectProblem(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task The_units_key_resolves_its_issue_and_no_other_key_but_admin_may()
    {
        var unit = await given.NewUnit();
        var district = await given.NewDistrict();
        var issue = await given.Admin.NewIssue((await given.NewProject(district)).Str("id"), unit, Today.AddDays(3));
        var id = issue.Str("id");
        var resolution = new { resolution = "交警部门已批复交通导改方案。" };
        var otherUnit = app.Client(await given.NewUnitKey(await given.NewUnit()));
        var ownDistrict = app.Client(await given.NewKey("district", district));
        var reader = app.Client(await given.NewKey("reader"));
        var unitKey = app.Client(await given.NewUnitKey(unit));

        await (await otherUnit.Decide(id, "resolve", resolution)).ExpectProblem(HttpStatusCode.Forbidden);
        await (await ownDistrict.Decide(id, "resolve", resolution)).ExpectProblem(HttpStatusCode.Forbidden);
        await (await reader.Decide(id, "resolve", resolution)).ExpectProblem(HttpStatusCode.Forbidden);
        await (await app.Client(null).Decide(id, "resolve", resolution)).ExpectProblem(HttpStatusCode.Unauthorized);
        await (await unitKey.Decide(id, "resolve", new { resolution = " " })).ExpectProblem(HttpStatusCode.BadRequest, "resolution");
        var response = await unitKey.Decide(id, "resolve", resolution);

        var resolved = await response.Expect(HttpStatusCode.OK);
        Assert.Equal(("resolved", "交警部门已批复交通导改方案。", Iso(Today), true), (resolved.Str("status"), resolved.Str("resolution"), resolved.Str("resolvedOn"), resolved.GetProperty("resolvedOnTime").GetBoolean()));
        Assert.StartsWith("unit-", resolved.Str("resolvedBy"), StringComparison.Ordinal);
        Assert.Equal(2, response.ETag());
        // Resolved is resolved: a second resolution, by anyone, is a conflict with the state.
        await (await unitKey.Decide(id, "resolve", resolution)).ExpectProblem(HttpStatusCode.Conflict);
        await (await given.Admin.Decide(id, "resolve", resolution)).ExpectProblem(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Only_the_city_office_closes_and_reopens_and_each_only_from_the_states_that_allow_it()
    {
        var unit = await given.NewUnit();
        var district = await given.NewDistrict();
        var id = (await given.Admin.NewIssue((await given.NewProject(district)).Str("id"), unit, Today.AddDays(-2))).Str("id");
        var unitKey = app.Client(await given.NewUnitKey(unit));
        var districtKey = app.Client(await given.NewKey("district", district));

        await (await given.Admin.Decide(id, "close")).ExpectProblem(HttpStatusCode.Conflict);
        await (await given.Admin.Decide(id, "reopen")).ExpectProblem(HttpStatusCode.Conflict);
        await (await unitKey.Decide(id, "resolve", new { resolution = "已整改" })).Expect(HttpStatusCode.OK);
        await (await unitKey.Decide(id, "close")).ExpectProblem(HttpStatusCode.Forbidden);
        await (await districtKey.Decide(id, "close")).ExpectProblem(HttpStatusCode.Forbidden);

        var closed = await (await given.Admin.PostAsync($"/api/v1/issues/{id}/close", null)).Expect(HttpStatusCode.OK);

        Assert.Equal(("closed", Iso(Today), false), (closed.Str("status"), closed.Str("closedOn"), closed.GetProperty("closedOnTime").GetBoolean()));
        await (await given.Admin.Decide(id, "close")).ExpectProblem(HttpStatusCode.Conflict);
        await (await given.Admin.Decide(id, "resolve", new { resolution = "再次整改" })).ExpectProblem(HttpStatusCode.Conflict);
        await (await unitKey.Decide(id, "reopen")).ExpectProblem(HttpStatusCode.Forbidden);

        var reopened = await (await given.Admin.Decide(id, "reopen", new { reason = "现场核查未整改到位" })).Expect(HttpStatusCode.OK);

        // Its due date passed: reopened, it is overdue again at once, its resolution set aside.
        Assert.Equal(("open", 1, true), (reopened.Str("status"), reopened.GetProperty("reopenings").GetInt32(), reopened.GetProperty("overdue").GetBoolean()));
        Assert.Equal(JsonValueKind.Null, reopened.GetProperty("resolution").ValueKind);
        Assert.Equal("现场核查未整改到位", reopened.Str("reopenReason"));
    }

    [Fact]
    public async Task Unknown_issues_are_404_for_every_verb()
    {
        var missing = Guid.NewGuid();
        var project = (await given.NewProject()).Str("id");

        await (await given.Admin.GetAsync($"/api/v1/issues/{missing}")).ExpectProblem(HttpStatusCode.NotFound);
        await (await given.Admin.GetAsync($"/api/v1/issues/{missing}/history")).ExpectProblem(HttpStatusCode.NotFound);
        await (await given.Admin.Decide(missing.ToString(), "resolve", new { resolution = "已整改" })).ExpectProblem(HttpStatusCode.NotFound);
        await (await given.Admin.Decide(missing.ToString(), "close")).ExpectProblem(HttpStatusCode.NotFound);
        await (await given.Admin.Decide(missing.ToString(), "reopen")).ExpectProblem(HttpStatusCode.NotFound);
        // A project's id is not an issue's, though both are streams of one store.
        await (await given.Admin.GetAsync($"/api/v1/issues/{project}")).ExpectProblem(HttpStatusCode.NotFound);
        await (await given.Admin.GetAsync($"/api/v1/issues/{project}/history")).ExpectProblem(HttpStatusCode.NotFound);
        await (await given.Admin.Decide(project, "resolve", new { resolution = "已整改" })).ExpectProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_projects_endpoints_do_not_serve_an_issues_stream()
    {
        var unit = await given.NewUnit();
        var project = (await given.NewProject()).Str("id");
        var id = (await given.Admin.NewIssue(project, unit, Today)).Str("id");

        await (await given.Admin.GetAsync($"/api/v1/projects/{id}")).ExpectProblem(HttpStatusCode.NotFound);
        await (await given.Admin.GetAsync($"/api/v1/projects/{id}/history")).ExpectProblem(HttpStatusCode.NotFound);
        await (await given.Admin.GetAsync($"/api/v1/projects/{id}/progress-reports")).ExpectProblem(HttpStatusCode.NotFound);
        await (await given.Admin.PostJson($"/api/v1/projects/{id}/progress-reports", ProjectTestKit.ProgressBody())).ExpectProblem(HttpStatusCode.NotFound);
        await (await given.Admin.GetAsync($"/api/v1/projects/{project}/progress-reports")).Expect(HttpStatusCode.OK);
        Assert.Equal("project-registered", (await given.Admin.History(project))[0].Str("type"));
    }

    [Fact]
    public async Task A_decision_with_a_stale_If_Match_is_412_and_changes_nothing()
    {
        var unit = await given.NewUnit();
        var id = (await given.Admin.NewIssue((await given.NewProject()).Str("id"), unit, Today.AddDays(3))).Str("id");
        await (await given.Admin.Decide(id, "resolve", new { resolution = "已整改" }, ifMatch: "\"1\"")).Expect(HttpStatusCode.OK);

        await (await given.Admin.Decide(id, "close", ifMatch: "\"1\"")).ExpectProblem(HttpStatusCode.PreconditionFailed);
        var read = await given.Admin.GetAsync($"/api/v1/issues/{id}");

        Assert.Equal(2, read.ETag());
        Assert.Equal("resolved", (await read.Expect(HttpStatusCode.OK)).Str("status"));
        await (await given.Admin.Decide(id, "close", ifMatch: "\"2\"")).Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Raising_with_an_Idempotency_Key_twice_raises_one_issue()
    {
        var unit = await given.NewUnit();
        var projectId = (await given.NewProject()).Str("id");
        var key = Guid.NewGuid().ToString();

        var first = await (await given.Admin.PostIdempotent($"/api/v1/projects/{projectId}/issues", IssueTestKit.IssueBody(unit, Today), key)).Expect(HttpStatusCode.Created);
        var again = await (await given.Admin.PostIdempotent($"/api/v1/projects/{projectId}/issues", IssueTestKit.IssueBody(unit, Today), key)).Expect(HttpStatusCode.Created);
        var resolved = await (await given.Admin.PostIdempotent($"/api/v1/issues/{first.Str("id")}/resolve", new { resolution = "已整改" }, Guid.NewGuid().ToString()))
            .Expect(HttpStatusCode.OK);

        Assert.Equal(first.Str("id"), again.Str("id"));
        Assert.Single(await given.Admin.Issues($"projectId={projectId}"));
        Assert.Equal("resolved", resolved.Str("status"));
    }

    [Fact]
    public async Task The_list_filters_by_status_unit_overdue_and_project_and_pages_like_every_list()
    {
        var unit = await given.NewUnit();
        var otherUnit = await given.NewUnit();
        var project = (await given.NewProject()).Str("id");
        var elsewhere = (await given.NewProject()).Str("id");
        var overdue = (await given.Admin.NewIssue(project, unit, Today.AddDays(-3))).Str("id");
        var dueLater = (await given.Admin.NewIssue(project, unit, Today.AddDays(10))).Str("id");
        var resolvedLate = (await given.Admin.NewIssue(project, unit, Today.AddDays(-9))).Str("id");
        await (await given.Admin.Decide(resolvedLate, "resolve", new { resolution = "已整改" })).Expect(HttpStatusCode.OK);
        var closed = (await given.Admin.NewIssue(elsewhere, otherUnit, Today)).Str("id");
        await (await given.Admin.Decide(closed, "resolve", new { resolution = "已整改" })).Expect(HttpStatusCode.OK);
        await (await given.Admin.Decide(closed, "close")).Expect(HttpStatusCode.OK);

        string[] Ids(JsonElement[] items) => [.. items.Select(i => i.Str("id"))];

        // Earliest due date first.
        Assert.Equal([resolvedLate, overdue, dueLater], Ids(await given.Admin.Issues($"unit={unit}")));
        Assert.Equal([overdue, dueLater], Ids(await given.Admin.Issues($"unit={unit}&status=open")));
        Assert.Equal([resolvedLate], Ids(await given.Admin.Issues($"unit={unit}&status=resolved")));
        Assert.Equal([overdue], Ids(await given.Admin.Issues($"unit={unit}&overdue=true")));
        Assert.Equal([resolvedLate, dueLater], Ids(await given.Admin.Issues($"unit={unit}&overdue=false")));
        Assert.Equal([closed], Ids(await given.Admin.Issues($"projectId={elsewhere}&status=closed")));
        Assert.Equal([overdue], Ids(await given.Admin.Issues($"projectId={project}&overdue=true&status=open")));
        // The unit also by its name, as the other unit filters take it.
        Assert.Equal([closed], Ids(await given.Admin.Issues($"unit={Uri.EscapeDataString($"测试责任单位{otherUnit}")}")));

        var page = await (await given.Admin.GetAsync($"/api/v1/issues?unit={unit}&page=2&pageSize=2")).Expect(HttpStatusCode.OK);
        Assert.Equal((2, 2, 3L), (page.GetProperty("page").GetInt32(), page.GetProperty("pageSize").GetInt32(), page.GetProperty("total").GetInt64()));
        Assert.Equal([dueLater], Ids([.. page.GetProperty("items").EnumerateArray()]));

        await (await given.Admin.GetAsync("/api/v1/issues?status=pending")).ExpectProblem(HttpStatusCode.BadRequest, "status");
        await (await given.Admin.GetAsync("/api/v1/issues?unit=no-such-unit")).ExpectProblem(HttpStatusCode.BadRequest, "unit");
        await (await given.Admin.GetAsync("/api/v1/issues?overdue=maybe")).ExpectProblem(HttpStatusCode.BadRequest, "overdue");
        await (await given.Admin.GetAsync("/api/v1/issues?pageSize=501")).ExpectProblem(HttpStatusCode.BadRequest, "pageSize");
    }

    [Fact]
    public async Task The_history_tells_every_step_and_asOf_shows_the_issue_as_it_stood_then()
    {
        var unit = await given.NewUnit();
        var raised = await given.Admin.NewIssue((await given.NewProject()).Str("id"), unit, Today.AddDays(5));
        var id = raised.Str("id");
        var unitKey = app.Client(await given.NewUnitKey(unit));
        var resolved = await (await unitKey.Decide(id, "resolve", new { resolution = "已整改" })).Expect(HttpStatusCode.OK);
        await (await given.Admin.Decide(id, "reopen", new { reason = "未整改到位" })).Expect(HttpStatusCode.OK);
        await (await unitKey.Decide(id, "resolve", new { resolution = "二次整改完成" })).Expect(HttpStatusCode.OK);
        await (await given.Admin.Decide(id, "close", new { comment = "予以销号" })).Expect(HttpStatusCode.OK);

        var history = (await (await given.Admin.GetAsync($"/api/v1/issues/{id}/history")).Expect(HttpStatusCode.OK)).EnumerateArray().ToList();

        Assert.Equal(["issue-raised", "issue-resolved", "issue-reopened", "issue-resolved", "issue-closed"], history.Select(e => e.Str("type")));
        Assert.Equal([1L, 2L, 3L, 4L, 5L], history.Select(e => e.GetProperty("version").GetInt64()));
        Assert.Equal("bootstrap-admin", history[0].Str("by"));
        Assert.StartsWith("unit-", history[1].Str("by"), StringComparison.Ordinal);
        // The resolution set aside by the reopening stays in the history.
        Assert.Equal("已整改", history[1].GetProperty("data").Str("resolution"));
        Assert.Equal(unit, history[0].GetProperty("data").Str("unit"));

        var whenRaised = Uri.EscapeDataString(raised.Str("lastChangedAt"));
        var whenResolved = Uri.EscapeDataString(resolved.Str("lastChangedAt"));
        var then = await given.Admin.GetAsync($"/api/v1/issues/{id}?asOf={whenRaised}");
        Assert.Equal(1, then.ETag());
        var atRaising = await then.Expect(HttpStatusCode.OK);
        Assert.Equal(("open", "bootstrap-admin", raised.Str("raisedAt")), (atRaising.Str("status"), atRaising.Str("raisedBy"), atRaising.Str("raisedAt")));
        var later = await (await given.Admin.GetAsync($"/api/v1/issues/{id}?asOf={whenResolved}")).Expect(HttpStatusCode.OK);
        Assert.Equal(("resolved", "已整改"), (later.Str("status"), later.Str("resolution")));
        Assert.Equal("closed", (await (await given.Admin.GetAsync($"/api/v1/issues/{id}?asOf={Iso(Today.AddDays(1))}")).Expect(HttpStatusCode.OK)).Str("status"));
        await (await given.Admin.GetAsync($"/api/v1/issues/{id}?asOf={Iso(Today.AddDays(-1))}")).ExpectProblem(HttpStatusCode.NotFound);
        await (await given.Admin.GetAsync($"/api/v1/issues/{id}?asOf=yesterday")).ExpectProblem(HttpStatusCode.BadRequest, "asOf");
    }

    [Fact]
    public async Task Judged_as_of_a_later_day_an_open_issue_is_overdue_by_then()
    {
        var unit = await given.NewUnit();
        var id = (await given.Admin.NewIssue((await given.NewProject()).Str("id"), unit, Today)).Str("id");

        var later = await given.Admin.GetFromJsonAsync<JsonElement>($"/api/v1/issues/{id}?asOf={Iso(Today.AddDays(4))}");

        Assert.Equal((true, 4), (later.GetProperty("overdue").GetBoolean(), later.GetProperty("daysOverdue").GetInt32()));
    }

    [Fact]
    public async Task The_change_feed_carries_issue_events_under_their_project_naming_the_issue()
    {
        var unit = await given.NewUnit();
        var projectId = (await given.NewProject()).Str("id");
        var id = (await given.Admin.NewIssue(projectId, unit, Today)).Str("id");

        var items = new List<JsonElement>();
        long after = 0;
        while (await given.Admin.GetFromJsonAsync<JsonElement>($"/api/v1/changes?after={after}&limit=1000") is var page && page.GetProperty("items").GetArrayLength() > 0)
        {
            items.AddRange(page.GetProperty("items").EnumerateArray());
            after = page.GetProperty("next").GetInt64();
        }

        var raised = Assert.Single(items, i => i.Str("type") == "issue-raised" && i.GetProperty("issueId").GetString() == id);
        Assert.Equal((projectId, 1L), (raised.Str("projectId"), raised.GetProperty("version").GetInt64()));
    }

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
