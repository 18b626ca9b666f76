using System.Net;
using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using ProjectTracker.Api.Tests.Support;
using ProjectTracker.Domain.Projects;

namespace ProjectTracker.Api.Tests.Baselines;

[Collection(ApiCollection.Name)]
public sealed class RebaselineTests(TrackerApp app)
{
    private const string Requests = "/api/v1/rebaseline-requests";

    private static readonly DateOnly Baseline = TrackerApp.Today.AddDays(30);
    private static readonly DateOnly Later = Baseline.AddDays(21);

    private readonly Scenario given = new(app);

    /// <summary>A district's project with one milestone, and a client with the district's key (the owner who asks).</summary>
    private async Task<(string ProjectId, string MilestoneId, HttpClient Owner, IssuedKey OwnerKey)> OwnedProject()
    {
        var district = await given.NewDistrict();
        var key = await given.IssueKey("district", district);
        var owner = app.Client(key.Secret);
        var project = await given.NewProject(district, owner);
        var milestone = await given.NewMilestone(project.Str("id"), Baseline, isKey: true);
        return (project.Str("id"), milestone.Str("id"), owner, key);
    }

    private static string AskUrl(string projectId) => $"/api/v1/projects/{projectId}/rebaseline-requests";

    private static object Ask(string milestoneId, DateOnly newBaselineDate, string reason = "征地拆迁延后四周") =>
        new { reason, changes = new[] { new { milestoneId, newBaselineDate } } };

    private static async Task<JsonElement> Asked(HttpClient client, string projectId, string milestoneId, DateOnly newBaselineDate) =>
        await (await client.PostJson(AskUrl(projectId), Ask(milestoneId, newBaselineDate))).Expect(HttpStatusCode.Created);

    private static JsonElement MilestoneOf(JsonElement project, string milestoneId) =>
        project.GetProperty("milestones").EnumerateArray().Single(m => m.Str("id") == milestoneId);

    private async Task<Project> StoredProject(string projectId)
    {
        await using var session = app.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return (await session.LoadAsync<Project>(Guid.Parse(projectId)))!;
    }

    [Fact]
    public async Task Asking_answers_201_with_a_pending_request_and_moves_nothing()
    {
        var (projectId, milestoneId, owner, key) = await OwnedProject();

        var response = await owner.PostJson(AskUrl(projectId), Ask(milestoneId, Later, " 征地拆迁延后四周 "));

        var request = await response.Expect(HttpStatusCode.Created);
        Assert.Equal($"{Requests}/{request.Str("id")}", response.Headers.Location?.OriginalString);
        Assert.Equal(3, response.ETag());
        Assert.Equal("pending", request.Str("status"));
        Assert.Equal(projectId, request.Str("projectId"));
        Assert.Equal("东环路快速化改造", request.Str("projectName"));
        Assert.Equal("征地拆迁延后四周", request.Str("reason"));
        Assert.Equal(key.Name, request.Str("requestedBy"));
        Assert.Equal(JsonValueKind.Null, request.GetProperty("decidedBy").ValueKind);
        Assert.NotEqual(default, request.GetProperty("requestedAt").GetDateTimeOffset());
        var change = Assert.Single(request.GetProperty("changes").EnumerateArray());
        Assert.Equal(milestoneId, change.Str("milestoneId"));
        Assert.Equal(Baseline.Iso(), change.Str("currentBaselineDate"));
        Assert.Equal(Later.Iso(), change.Str("newBaselineDate"));
        Assert.Equal(21, change.GetProperty("daysMoved").GetInt32());
        Assert.Equal(Baseline.Iso(), MilestoneOf(await given.Project(projectId), milestoneId).Str("baselineDate"));
        var fetched = await (await given.Admin.GetAsync($"{Requests}/{request.Str("id")}")).Expect(HttpStatusCode.OK);
        Assert.Equal(request.Str("id"), fetched.Str("id"));
        Assert.Equal(request.GetProperty("projectCode").GetString(), fetched.Str("projectCode"));
    }

    [Fact]
    public async Task Approval_moves_the_baseline_and_history_names_the_key_that_asked_and_the_key_that_decided()
    {
        var (projectId, milestoneId, owner, key) = await OwnedProject();
        var asked = await Asked(owner, projectId, milestoneId, Later);

        var approved = await (await given.Admin.PostJson($"{Requests}/{asked.Str("id")}/approve", new { comment = "同意" })).Expect(HttpStatusCode.OK);

        Assert.Equal("approved", approved.Str("status"));
        Assert.Equal("bootstrap-admin", approved.Str("decidedBy"));
        Assert.Equal("同意", approved.Str("comment"));
        Assert.Equal(21, approved.GetProperty("daysMoved").GetInt32());
        Assert.True(approved.GetProperty("decidedAt").GetDateTimeOffset() >= approved.GetProperty("requestedAt").GetDateTimeOffset());
        var project = await given.Project(projectId);
        var milestone = MilestoneOf(project, milestoneId);
        Assert.Equal(Later.Iso(), milestone.Str("baselineDate"));
        Assert.Equal(Later.Iso(), milestone.Str("forecastDate"));
        Assert.Equal(1, project.GetProperty("rebaselineCount").GetInt32());
        Assert.Equal(21, project.GetProperty("rebaselineDaysMoved").GetInt32());
        var history = await given.Admin.History(projectId);
        Assert.Equal(["rebaseline-requested", "rebaseline-approved"], history[^2..].Select(e => e.Str("type")));
        Assert.Equal([key.Name, "bootstrap-admin"], history[^2..].Select(e => e.Str("by")));
        var change = Assert.Single(history[^1].GetProperty("data").GetProperty("changes").EnumerateArray());
        Assert.Equal((Baseline.Iso(), Later.Iso(), 21), (change.Str("previousBaselineDate"), change.Str("newBaselineDate"), change.GetProperty("daysMoved").GetInt32()));
    }

    [Fact]
    public async Task Rejection_leaves_the_baseline_where_it_was()
    {
        var (projectId, milestoneId, owner, _) = await OwnedProject();
        var asked = await Asked(owner, projectId, milestoneId, Later);

        var rejected = await (await given.Admin.PostJson($"{Requests}/{asked.Str("id")}/reject", new { comment = "请加快进度追回工期" })).Expect(HttpStatusCode.OK);

        Assert.Equal("rejected", rejected.Str("status"));
        Assert.Equal("请加快进度追回工期", rejected.Str("comment"));
        Assert.Equal(Baseline.Iso(), MilestoneOf(await given.Project(projectId), milestoneId).Str("baselineDate"));
        Assert.Equal("rebaseline-rejected", (await given.Admin.History(projectId))[^1].Str("type"));
        Assert.Equal((0, 0), ((await StoredProject(projectId)).RebaselineCount, (await StoredProject(projectId)).RebaselineDaysMoved));
    }

    [Fact]
    public async Task A_decision_needs_no_body()
    {
        var (projectId, milestoneId, owner, _) = await OwnedProject();
        var asked = await Asked(owner, projectId, milestoneId, Later);

        var approved = await (await given.Admin.PostAsync($"{Requests}/{asked.Str("id")}/approve", null)).Expect(HttpStatusCode.OK);

        Assert.Equal(JsonValueKind.Null, approved.GetProperty("comment").ValueKind);
    }

    [Fact]
    public async Task Approve_by_the_requesting_key_is_forbidden()
    {
        var project = await given.NewProject();
        var milestone = await given.NewMilestone(project.Str("id"), Baseline);
        var secondAdmin = app.Client((await given.IssueKey("admin")).Secret);
        var asked = await Asked(secondAdmin, project.Str("id"), milestone.Str("id"), Later);

        var approve = await secondAdmin.PostJson($"{Requests}/{asked.Str("id")}/approve", new { comment = "自己批准" });
        var reject = await secondAdmin.PostJson($"{Requests}/{asked.Str("id")}/reject", new { });

        await approve.ExpectProblem(HttpStatusCode.Forbidden);
        await reject.ExpectProblem(HttpStatusCode.Forbidden);
        Assert.Equal(Baseline.Iso(), MilestoneOf(await given.Project(project.Str("id")), milestone.Str("id")).Str("baselineDate"));
        await (await given.Admin.PostJson($"{Requests}/{asked.Str("id")}/approve", new { })).Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_request_is_never_decided_by_another_key_of_the_person_who_asked()
    {
        var project = await given.NewProject();
        var milestone = await given.NewMilestone(project.Str("id"), Baseline);
        var holder = $"王五（市发改委）{Scenario.Next()}";
        var asking = app.Client(await HeldKey("admin", holder));
        var sameHolder = app.Client(await HeldKey("admin", holder));
        var otherHolder = app.Client(await HeldKey("admin", $"李四（市重点项目办）{Scenario.Next()}"));
        var asked = await Asked(asking, project.Str("id"), milestone.Str("id"), Later);

        var approve = await sameHolder.PostJson($"{Requests}/{asked.Str("id")}/approve", new { comment = "换个密钥批准" });
        var reject = await sameHolder.PostJson($"{Requests}/{asked.Str("id")}/reject", new { });

        await approve.ExpectProblem(HttpStatusCode.Forbidden);
        await reject.ExpectProblem(HttpStatusCode.Forbidden);
        Assert.Equal(Baseline.Iso(), MilestoneOf(await given.Project(project.Str("id")), milestone.Str("id")).Str("baselineDate"));
        await (await otherHolder.PostJson($"{Requests}/{asked.Str("id")}/approve", new { })).Expect(HttpStatusCode.OK);
        Assert.Equal(Later.Iso(), MilestoneOf(await given.Project(project.Str("id")), milestone.Str("id")).Str("baselineDate"));
    }

    private async Task<string> HeldKey(string role, string holder) =>
        (await (await given.Admin.PostJson("/api/v1/api-keys", new { name = $"{role}-{Scenario.Next()}", role, holder })).Expect(HttpStatusCode.Created)).Str("key");

    [Theory]
    [InlineData("district")]
    [InlineData("reader")]
    public async Task A_key_that_is_not_an_admin_cannot_decide(string role)
    {
        var (projectId, milestoneId, owner, _) = await OwnedProject();
        var asked = await Asked(owner, projectId, milestoneId, Later);
        var other = app.Client(await given.NewKey(role, role == "district" ? await given.NewDistrict() : null));

        await (await other.PostJson($"{Requests}/{asked.Str("id")}/approve", new { })).ExpectProblem(HttpStatusCode.Forbidden);
        await (await other.PostJson($"{Requests}/{asked.Str("id")}/reject", new { })).ExpectProblem(HttpStatusCode.Forbidden);
        await (await owner.PostJson($"{Requests}/{asked.Str("id")}/approve", new { })).ExpectProblem(HttpStatusCode.Forbidden);
        Assert.Equal("pending", (await (await other.GetAsync($"{Requests}/{asked.Str("id")}")).Expect(HttpStatusCode.OK)).Str("status"));
    }

    [Fact]
    public async Task A_district_key_asks_only_for_its_own_districts_projects()
    {
        var (projectId, milestoneId, _, _) = await OwnedProject();
        var stranger = app.Client(await given.NewKey("district", await given.NewDistrict()));
        var reader = app.Client(await given.NewKey("reader"));

        await (await stranger.PostJson(AskUrl(projectId), Ask(milestoneId, Later))).ExpectProblem(HttpStatusCode.Forbidden);
        await (await reader.PostJson(AskUrl(projectId), Ask(milestoneId, Later))).ExpectProblem(HttpStatusCode.Forbidden);
        Assert.Equal(2, await given.VersionOf(projectId));
    }

    [Theory]
    [InlineData("approve", "approve")]
    [InlineData("approve", "reject")]
    [InlineData("reject", "approve")]
    [InlineData("reject", "reject")]
    public async Task Deciding_twice_is_a_conflict(string first, string second)
    {
        var (projectId, milestoneId, owner, _) = await OwnedProject();
        var asked = await Asked(owner, projectId, milestoneId, Later);
        await (await given.Admin.PostJson($"{Requests}/{asked.Str("id")}/{first}", new { })).Expect(HttpStatusCode.OK);
        var version = await given.VersionOf(projectId);

        var response = await given.Admin.PostJson($"{Requests}/{asked.Str("id")}/{second}", new { });

        await response.ExpectProblem(HttpStatusCode.Conflict);
        Assert.Equal(version, await given.VersionOf(projectId));
        Assert.Equal(first == "approve" ? "approved" : "rejected",
            (await (await given.Admin.GetAsync($"{Requests}/{asked.Str("id")}")).Expect(HttpStatusCode.OK)).Str("status"));
    }

    [Fact]
    public async Task Two_admins_deciding_at_once_make_one_decision_and_one_conflict()
    {
        var (projectId, milestoneId, owner, _) = await OwnedProject();
        var asked = await Asked(owner, projectId, milestoneId, Later);
        var secondAdmin = app.Client((await given.IssueKey("admin")).Secret);

        var responses = await Task.WhenAll(
            given.Admin.PostJson($"{Requests}/{asked.Str("id")}/approve", new { }),
            secondAdmin.PostJson($"{Requests}/{asked.Str("id")}/reject", new { }));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], responses.Select(r => r.StatusCode).Order());
        Assert.Equal(4, await given.VersionOf(projectId));
    }

    [Theory]
    [InlineData("approve")]
    [InlineData("reject")]
    public async Task Deciding_an_unknown_request_is_not_found(string decision)
    {
        var response = await given.Admin.PostJson($"{Requests}/{Guid.NewGuid()}/{decision}", new { });

        await response.ExpectProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_unknown_request_is_not_found()
    {
        await (await given.Admin.GetAsync($"{Requests}/{Guid.NewGuid()}")).ExpectProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Asking_about_an_unknown_project_is_not_found()
    {
        var response = await given.Admin.PostJson(AskUrl(Guid.NewGuid().ToString()), Ask(Guid.NewGuid().ToString(), Later));

        await response.ExpectProblem(HttpStatusCode.NotFound);
    }

    public static TheoryData<string, string> InvalidBodies() => new()
    {
        { """{"changes":[{"milestoneId":"{m}","newBaselineDate":"2026-09-01"}]}""", "reason" },
        { """{"reason":"  ","changes":[{"milestoneId":"{m}","newBaselineDate":"2026-09-01"}]}""", "reason" },
        { """{"reason":"延期"}""", "changes" },
        { """{"reason":"延期","changes":[]}""", "changes" },
        { """{"reason":"延期","changes":[null]}""", "changes[0]" },
        { """{"reason":"延期","changes":[{"newBaselineDate":"2026-09-01"}]}""", "changes[0].milestoneId" },
        { """{"reason":"延期","changes":[{"milestoneId":"{m}"}]}""", "changes[0].newBaselineDate" },
        { """{"reason":"延期","changes":[{"milestoneId":"{unknown}","newBaselineDate":"2026-09-01"}]}""", "changes[0].milestoneId" },
        { """{"reason":"延期","changes":[{"milestoneId":"{m}","newBaselineDate":"{baseline}"}]}""", "changes[0].newBaselineDate" },
        { """{"reason":"延期","changes":[{"milestoneId":"{m}","newBaselineDate":"2026-09-01"},{"milestoneId":"{m}","newBaselineDate":"2026-09-02"}]}""", "changes[1].milestoneId" },
        { """{"reason":"延期","changes":[{"milestoneId":"{m}","newBaselineDate":"soon"}]}""", "changes[0].newBaselineDate" },
        { """{"reason":"延期","changes":[{"milestoneId":"m-1","newBaselineDate":"2026-09-01"}]}""", "changes[0].milestoneId" },
        { """{"reason":"延期","changes":{"milestoneId":"{m}"}}""", "changes" },
        { """{"reason":7,"changes":[{"milestoneId":"{m}","newBaselineDate":"2026-09-01"}]}""", "reason" },
        { """{"reason":"延期","changes":[""", "body" },
        { "[]", "body" },
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task A_bad_request_is_a_400_problem_naming_the_field_and_nothing_is_written(string body, string field)
    {
        var (projectId, milestoneId, owner, _) = await OwnedProject();
        var raw = body.Replace("{m}", milestoneId, StringComparison.Ordinal)
            .Replace("{unknown}", Guid.NewGuid().ToString(), StringComparison.Ordinal)
            .Replace("{baseline}", Baseline.Iso(), StringComparison.Ordinal);

        var response = await owner.SendRawJson(HttpMethod.Post, AskUrl(projectId), raw);

        await response.ExpectProblem(HttpStatusCode.BadRequest, field);
        Assert.Equal(2, await given.VersionOf(projectId));
    }

    [Fact]
    public async Task A_completed_milestones_baseline_cannot_be_asked_to_move()
    {
        var (projectId, milestoneId, owner, _) = await OwnedProject();
        await (await owner.PostJson($"/api/v1/projects/{projectId}/milestones/{milestoneId}/complete", new { actualDate = TrackerApp.Today })).Expect(HttpStatusCode.OK);

        await (await owner.PostJson(AskUrl(projectId), Ask(milestoneId, Later))).ExpectProblem(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Approving_after_the_milestone_was_completed_is_a_conflict()
    {
        var (projectId, milestoneId, owner, _) = await OwnedProject();
        var asked = await Asked(owner, projectId, milestoneId, Later);
        await (await owner.PostJson($"/api/v1/projects/{projectId}/milestones/{milestoneId}/complete", new { actualDate = TrackerApp.Today })).Expect(HttpStatusCode.OK);

        await (await given.Admin.PostJson($"{Requests}/{asked.Str("id")}/approve", new { })).ExpectProblem(HttpStatusCode.Conflict);
        await (await given.Admin.PostJson($"{Requests}/{asked.Str("id")}/reject", new { comment = "节点已完成" })).Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_closed_project_takes_no_requests_but_one_left_pending_can_be_rejected()
    {
        var (projectId, milestoneId, owner, _) = await OwnedProject();
        var asked = await Asked(owner, projectId, milestoneId, Later);
        await (await given.Admin.PostJson($"/api/v1/projects/{projectId}/close", new { remark = "竣工" })).Expect(HttpStatusCode.OK);

        await (await owner.PostJson(AskUrl(projectId), Ask(milestoneId, Later.AddDays(1)))).ExpectProblem(HttpStatusCode.Conflict);
        await (await given.Admin.PostJson($"{Requests}/{asked.Str("id")}/approve", new { })).ExpectProblem(HttpStatusCode.Conflict);
        await (await given.Admin.PostJson($"{Requests}/{asked.Str("id")}/reject", new { })).Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Asking_honours_if_match()
    {
        var (projectId, milestoneId, owner, _) = await OwnedProject();

        await (await owner.PostJson(AskUrl(projectId), Ask(milestoneId, Later), ifMatch: "\"1\"")).ExpectProblem(HttpStatusCode.PreconditionFailed);
        var response = await owner.PostJson(AskUrl(projectId), Ask(milestoneId, Later), ifMatch: "\"2\"");

        await response.Expect(HttpStatusCode.Created);
        Assert.Equal(3, response.ETag());
    }

    [Fact]
    public async Task The_list_filters_by_status_and_project()
    {
        var (projectId, milestoneId, owner, _) = await OwnedProject();
        var second = await given.NewMilestone(projectId, Baseline.AddDays(60));
        var (otherProjectId, otherMilestoneId, otherOwner, _) = await OwnedProject();
        var first = await Asked(owner, projectId, milestoneId, Later);
        var pending = await Asked(owner, projectId, second.Str("id"), Baseline.AddDays(90));
        var elsewhere = await Asked(otherOwner, otherProjectId, otherMilestoneId, Later);
        await (await given.Admin.PostJson($"{Requests}/{first.Str("id")}/approve", new { })).Expect(HttpStatusCode.OK);

        var all = await (await given.Admin.GetAsync($"{Requests}?projectId={projectId}")).Expect(HttpStatusCode.OK);
        var pendingOnly = await (await given.Admin.GetAsync($"{Requests}?projectId={projectId}&status=pending")).Expect(HttpStatusCode.OK);
        var approvedOnly = await (await given.Admin.GetAsync($"{Requests}?status=approved&projectId={projectId}")).Expect(HttpStatusCode.OK);
        var allPending = await (await given.Admin.GetAsync($"{Requests}?status=pending&pageSize=500")).Expect(HttpStatusCode.OK);

        Assert.Equal([first.Str("id"), pending.Str("id")], Ids(all));
        Assert.Equal((2, 1, 50), (all.GetProperty("total").GetInt32(), all.GetProperty("page").GetInt32(), all.GetProperty("pageSize").GetInt32()));
        Assert.Equal([pending.Str("id")], Ids(pendingOnly));
        Assert.Equal([first.Str("id")], Ids(approvedOnly));
        Assert.Equal("approved", approvedOnly.GetProperty("items")[0].Str("status"));
        Assert.Contains(elsewhere.Str("id"), Ids(allPending));
        Assert.DoesNotContain(first.Str("id"), Ids(allPending));
        Assert.All(allPending.GetProperty("items").EnumerateArray(), r => Assert.Equal("pending", r.Str("status")));

        static string[] Ids(JsonElement page) => [.. page.GetProperty("items").EnumerateArray().Select(r => r.Str("id"))];
    }

    [Fact]
    public async Task The_list_pages()
    {
        var (projectId, milestoneId, owner, _) = await OwnedProject();
        var asked = new List<string>();
        foreach (var days in new[] { 1, 2, 3 })
        {
            asked.Add((await Asked(owner, projectId, milestoneId, Later.AddDays(days))).Str("id"));
        }

        var page2 = await (await given.Admin.GetAsync($"{Requests}?projectId={projectId}&page=2&pageSize=2")).Expect(HttpStatusCode.OK);

        Assert.Equal(3, page2.GetProperty("total").GetInt32());
        Assert.Equal(asked[2], Assert.Single(page2.GetProperty("items").EnumerateArray()).Str("id"));
    }

    [Theory]
    [InlineData("?status=open", "status")]
    [InlineData("?projectId=abc", "projectId")]
    [InlineData("?pageSize=501", "pageSize")]
    public async Task A_bad_query_string_on_the_list_is_a_400_problem_naming_the_parameter(string query, string field)
    {
        await (await given.Admin.GetAsync(Requests + query)).ExpectProblem(HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task Churn_counts_approved_requests_and_the_days_they_moved_on_the_request_and_the_project()
    {
        var (projectId, milestoneId, owner, _) = await OwnedProject();
        var first = await Asked(owner, projectId, milestoneId, Later);
        await (await given.Admin.PostJson($"{Requests}/{first.Str("id")}/approve", new { })).Expect(HttpStatusCode.OK);
        var second = await Asked(owner, projectId, milestoneId, Later.AddDays(-7));
        var rejected = await Asked(owner, projectId, milestoneId, Later.AddDays(100));
        await (await given.Admin.PostJson($"{Requests}/{rejected.Str("id")}/reject", new { })).Expect(HttpStatusCode.OK);

        var approved = await (await given.Admin.PostJson($"{Requests}/{second.Str("id")}/approve", new { })).Expect(HttpStatusCode.OK);

        Assert.Equal(-7, approved.GetProperty("daysMoved").GetInt32());
        var fetched = await (await given.Admin.GetAsync($"{Requests}/{first.Str("id")}")).Expect(HttpStatusCode.OK);
        var listed = await (await given.Admin.GetAsync($"{Requests}?projectId={projectId}")).Expect(HttpStatusCode.OK);
        foreach (var shown in listed.GetProperty("items").EnumerateArray().Append(fetched).Append(approved))
        {
            var churn = shown.GetProperty("projectChurn");
            Assert.Equal((2, 21 - 7), (churn.GetProperty("rebaselineCount").GetInt32(), churn.GetProperty("rebaselineDaysMoved").GetInt32()));
        }

        var stored = await StoredProject(projectId);
        Assert.Equal((2, 14), (stored.RebaselineCount, stored.RebaselineDaysMoved));
        Assert.Equal(
            [PlanChangeStatus.Approved, PlanChangeStatus.Approved, PlanChangeStatus.Rejected],
            stored.PlanChanges.Select(r => r.Status).Order());
        Assert.Equal(Later.AddDays(-7).Iso(), MilestoneOf(await given.Project(projectId), milestoneId).Str("baselineDate"));
    }

    [Fact]
    public async Task The_endpoints_are_in_the_openapi_document_under_baseline_governance()
    {
        var document = await (await app.Client(apiKey: null).GetAsync("/swagger/v1/swagger.json")).Expect(HttpStatusCode.OK);
        var paths = document.GetProperty("paths");

        foreach (var (path, verb) in new[]
        {
            ("/api/v1/projects/{id}/rebaseline-requests", "post"),
            ("/api/v1/rebaseline-requests/{requestId}/approve", "post"),
            ("/api/v1/rebaseline-requests/{requestId}/reject", "post"),
            ("/api/v1/rebaseline-requests", "get"),
            ("/api/v1/rebaseline-requests/{requestId}", "get"),
        })
        {
            var operation = paths.GetProperty(path).GetProperty(verb);
            Assert.Equal("Baseline governance", operation.GetProperty("tags")[0].GetString());
        }
    }
}
