using System.Net;
using System.Text.Json;
using ProjectTracker.Api.Tests.Support;

namespace ProjectTracker.Api.Tests.PlanChanges;

[Collection(ApiCollection.Name)]
public sealed class PlanChangeTests(TrackerApp app)
{
    private const string Changes = "/api/v1/plan-changes";

    private static readonly DateOnly Baseline = TrackerApp.Today.AddDays(30);

    private readonly Scenario given = new(app);

    private static string AskUrl(string projectId) => $"/api/v1/projects/{projectId}/plan-changes";

    /// <summary>A district's project with a key milestone and this year's plan, and the district's key (the owner who asks).</summary>
    private async Task<(string ProjectId, string MilestoneId, HttpClient Owner, string District)> OwnedProject()
    {
        var district = await given.NewDistrict();
        var owner = app.Client(await given.NewKey("district", district));
        var project = await given.NewProject(district, owner);
        var milestone = await given.NewMilestone(project.Str("id"), Baseline, isKey: true);
        await (await owner.PutJson($"/api/v1/projects/{project.Str("id")}/annual-plans/2026", new { plannedInvestment = 30000m })).Expect(HttpStatusCode.OK);
        return (project.Str("id"), milestone.Str("id"), owner, district);
    }

    private static object Everything(string milestoneId) => new
    {
        reason = " 线路向东延伸至高铁站 ",
        documentRef = "洛发改〔2026〕88号",
        changes = new
        {
            totalInvestment = 138000m,
            targetYear = 2028,
            scope = "全长14.1公里，设站10座",
            baselines = new[] { new { milestoneId, newBaselineDate = Baseline.AddDays(45) } },
            annualPlans = new[] { new { year = 2026, plannedInvestment = 25000m } },
            unkeyMilestones = new[] { milestoneId },
        },
    };

    private async Task<JsonElement> Asked(HttpClient client, string projectId, object body) =>
        await (await client.PostJson(AskUrl(projectId), body)).Expect(HttpStatusCode.Created);

    private async Task<string> HeldKey(string role, string holder) =>
        (await (await given.Admin.PostJson("/api/v1/api-keys", new { name = $"{role}-{Scenario.Next()}", role, holder })).Expect(HttpStatusCode.Created)).Str("key");

    private static JsonElement Only(JsonElement project, string milestoneId) =>
        project.GetProperty("milestones").EnumerateArray().Single(m => m.Str("id") == milestoneId);

    [Theory]
    [InlineData("totalInvestment", 99000)]
    [InlineData("targetYear", 2030)]
    [InlineData("scope", "全长10公里")]
    [InlineData("category", "pocket-park")]
    public async Task A_direct_change_to_a_plan_field_is_409_naming_it_and_the_route_to_use(string field, object value)
    {
        var (projectId, _, owner, _) = await OwnedProject();

        foreach (var client in new[] { owner, given.Admin })
        {
            var response = await client.PatchJson($"/api/v1/projects/{projectId}", new Dictionary<string, object> { [field] = value, ["leadOfficial"] = "王五" });

            var problem = await response.ExpectProblem(HttpStatusCode.Conflict);
            Assert.EndsWith("plan-change-required", problem.Str("type"));
            Assert.Equal([field], problem.GetProperty("fields").EnumerateArray().Select(f => f.GetString()));
            Assert.Contains("/plan-changes", problem.Str("route"));
        }

        var stored = await given.Admin.GetProject(projectId);
        Assert.Equal(("张三", 3L), (stored.Str("leadOfficial"), stored.Version()));
    }

    [Fact]
    public async Task A_begun_years_annual_plan_changes_only_through_a_plan_change_while_next_years_stays_free()
    {
        var (projectId, _, owner, _) = await OwnedProject();

        var lowered = await given.Admin.PutJson($"/api/v1/projects/{projectId}/annual-plans/2026", new { plannedInvestment = 1000m });
        var nextYear = await owner.PutJson($"/api/v1/projects/{projectId}/annual-plans/2027", new { plannedInvestment = 50000m });
        var nextYearAgain = await owner.PutJson($"/api/v1/projects/{projectId}/annual-plans/2027", new { plannedInvestment = 45000m });

        Assert.Equal(["annualPlans"], (await lowered.ExpectProblem(HttpStatusCode.Conflict)).GetProperty("fields").EnumerateArray().Select(f => f.GetString()));
        await nextYear.Expect(HttpStatusCode.OK);
        await nextYearAgain.Expect(HttpStatusCode.OK);
        var plans = (await given.Admin.GetProject(projectId)).GetProperty("annualPlans");
        Assert.Equal((30000m, 45000m), (plans.GetProperty("2026").GetDecimal(), plans.GetProperty("2027").GetDecimal()));
    }

    [Fact]
    public async Task Asking_answers_201_with_the_changes_and_what_they_replace_and_changes_nothing_yet()
    {
        var (projectId, milestoneId, owner, district) = await OwnedProject();

        var response = await owner.PostJson(AskUrl(projectId), Everything(milestoneId));

        var change = await response.Expect(HttpStatusCode.Created);
        Assert.Equal($"{Changes}/{change.Str("id")}", response.Headers.Location?.OriginalString);
        Assert.Equal(("pending", "plan-change", projectId, district), (change.Str("status"), change.Str("kind"), change.Str("projectId"), change.Str("district")));
        Assert.Equal(("线路向东延伸至高铁站", "洛发改〔2026〕88号"), (change.Str("reason"), change.Str("documentRef")));
        var before = change.GetProperty("before");
        Assert.Equal((125000.5m, 2027), (before.GetProperty("totalInvestment").GetDecimal(), before.GetProperty("targetYear").GetInt32()));
        Assert.Equal(JsonValueKind.Null, before.GetProperty("scope").ValueKind);
        Assert.Equal(Baseline.Iso(), before.GetProperty("baselines")[0].Str("baselineDate"));
        Assert.Equal(30000m, before.GetProperty("annualPlans")[0].GetProperty("plannedInvestment").GetDecimal());
        Assert.True(before.GetProperty("unkeyMilestones")[0].GetProperty("isKey").GetBoolean());
        Assert.Equal(138000m, change.GetProperty("changes").GetProperty("totalInvestment").GetDecimal());

        var project = await given.Admin.GetProject(projectId);
        Assert.Equal((125000.5m, Baseline.Iso(), true), (project.GetProperty("totalInvestment").GetDecimal(), Only(project, milestoneId).Str("baselineDate"), Only(project, milestoneId).GetProperty("isKey").GetBoolean()));
        Assert.Equal(1, project.GetProperty("planChanges").GetProperty("pending").GetInt32());
    }

    [Fact]
    public async Task Approval_applies_every_change_at_once_and_the_project_shows_its_original_plan_beside_it()
    {
        var (projectId, milestoneId, owner, _) = await OwnedProject();
        var asked = await Asked(owner, projectId, Everything(milestoneId));

        var response = await given.Admin.PostJson($"{Changes}/{asked.Str("id")}/approve", new { comment = "同意" });

        var decided = await response.Expect(HttpStatusCode.OK);
        Assert.Equal(("approved", "同意", 45), (decided.Str("status"), decided.Str("comment"), decided.GetProperty("baselineMoves")[0].GetProperty("daysMoved").GetInt32()));
        var project = await given.Admin.GetProject(projectId);
        Assert.Equal((138000m, 2028, "全长14.1公里，设站10座"), (project.GetProperty("totalInvestment").GetDecimal(), project.GetProperty("targetYear").GetInt32(), project.Str("scope")));
        Assert.Equal(25000m, project.GetProperty("annualPlans").GetProperty("2026").GetDecimal());
        var milestone = Only(project, milestoneId);
        Assert.Equal((Baseline.AddDays(45).Iso(), false), (milestone.Str("baselineDate"), milestone.GetProperty("isKey").GetBoolean()));

        var original = project.GetProperty("originalPlan");
        Assert.Equal((125000.5m, 2027), (original.GetProperty("totalInvestment").GetDecimal(), original.GetProperty("targetYear").GetInt32()));
        Assert.Equal(Baseline.Iso(), Assert.Single(original.GetProperty("keyMilestones").EnumerateArray()).Str("baselineDate"));
        var counts = project.GetProperty("planChanges");
        Assert.Equal((1, 0, 0, 45, 45), (counts.GetProperty("approved").GetInt32(), counts.GetProperty("rejected").GetInt32(), counts.GetProperty("pending").GetInt32(),
            counts.GetProperty("daysMovedAbsolute").GetInt32(), counts.GetProperty("daysMovedNet").GetInt32()));
        Assert.Equal(138000m - 125000.5m, counts.GetProperty("investmentChange").GetDecimal());

        var history = await (await given.Admin.GetAsync($"/api/v1/projects/{projectId}/history")).Expect(HttpStatusCode.OK);
        Assert.Contains(history.EnumerateArray(), e => e.Str("type") == "plan-change-approved");
    }

    [Fact]
    public async Task As_of_a_moment_before_the_approval_the_project_shows_the_plan_as_it_then_stood()
    {
        var (projectId, milestoneId, owner, _) = await OwnedProject();
        var asked = await Asked(owner, projectId, Everything(milestoneId));
        var beforeApproval = app.Clock.GetUtcNow();
        await (await given.Admin.PostJson($"{Changes}/{asked.Str("id")}/approve", new { })).Expect(HttpStatusCode.OK);

        var then = await (await given.Admin.GetAsync($"/api/v1/projects/{projectId}?asOf={Uri.EscapeDataString(beforeApproval.ToString("O"))}")).Expect(HttpStatusCode.OK);

        Assert.Equal((125000.5m, Baseline.Iso(), 1, 0), (then.GetProperty("totalInvestment").GetDecimal(), Only(then, milestoneId).Str("baselineDate"),
            then.GetProperty("planChanges").GetProperty("pending").GetInt32(), then.GetProperty("planChanges").GetProperty("approved").GetInt32()));
        Assert.Equal(138000m, (await given.Admin.GetProject(projectId)).GetProperty("totalInvestment").GetDecimal());
    }

    [Fact]
    public async Task Rejection_needs_a_comment_and_changes_nothing()
    {
        var (projectId, milestoneId, owner, _) = await OwnedProject();
        var asked = await Asked(owner, projectId, Everything(milestoneId));

        var bare = await given.Admin.PostJson($"{Changes}/{asked.Str("id")}/reject", new { });
        var rejected = await given.Admin.PostJson($"{Changes}/{asked.Str("id")}/reject", new { comment = "理由不充分" });

        await bare.ExpectProblem(HttpStatusCode.BadRequest, "comment");
        Assert.Equal("rejected", (await rejected.Expect(HttpStatusCode.OK)).Str("status"));
        var project = await given.Admin.GetProject(projectId);
        Assert.Equal((125000.5m, 1), (project.GetProperty("totalInvestment").GetDecimal(), project.GetProperty("planChanges").GetProperty("rejected").GetInt32()));
    }

    [Fact]
    public async Task Bad_requests_are_400_naming_the_field()
    {
        var (projectId, milestoneId, owner, _) = await OwnedProject();

        var empty = await owner.PostJson(AskUrl(projectId), new { reason = "调整", changes = new { } });
        var noReason = await owner.PostJson(AskUrl(projectId), new { changes = new { targetYear = 2029 } });
        var same = await owner.PostJson(AskUrl(projectId), new { reason = "调整", changes = new { targetYear = 2027 } });
        var unknownDistrict = await given.Admin.PostJson(AskUrl(projectId), new { reason = "调整", changes = new { district = "000000" } });
        var unknownMilestone = await owner.PostJson(AskUrl(projectId), new { reason = "调整", changes = new { baselines = new[] { new { milestoneId = Guid.NewGuid(), newBaselineDate = Baseline } } } });
        var longScope = await owner.PostJson(AskUrl(projectId), new { reason = "调整", changes = new { scope = new string('长', 2001) } });
        var unkeyTwice = await owner.PostJson(AskUrl(projectId), new { reason = "调整", changes = new { unkeyMilestones = new[] { milestoneId, milestoneId } } });

        await empty.ExpectProblem(HttpStatusCode.BadRequest, "changes");
        await noReason.ExpectProblem(HttpStatusCode.BadRequest, "reason");
        await same.ExpectProblem(HttpStatusCode.BadRequest, "changes.targetYear");
        await unknownDistrict.ExpectProblem(HttpStatusCode.BadRequest, "changes.district");
        await unknownMilestone.ExpectProblem(HttpStatusCode.BadRequest, "changes.baselines[0].milestoneId");
        await longScope.ExpectProblem(HttpStatusCode.BadRequest, "changes.scope");
        await unkeyTwice.ExpectProblem(HttpStatusCode.BadRequest, "changes.unkeyMilestones[1]");
        Assert.Equal(0, (await given.Admin.GetProject(projectId)).GetProperty("planChanges").GetProperty("pending").GetInt32());
    }

    [Fact]
    public async Task Who_may_ask_and_who_may_decide()
    {
        var (projectId, milestoneId, owner, _) = await OwnedProject();
        var reader = app.Client(await given.NewKey("reader"));
        var otherDistrict = app.Client(await given.NewKey("district", await given.NewDistrict()));

        await (await reader.PostJson(AskUrl(projectId), Everything(milestoneId))).ExpectProblem(HttpStatusCode.Forbidden);
        await (await otherDistrict.PostJson(AskUrl(projectId), Everything(milestoneId))).ExpectProblem(HttpStatusCode.Forbidden);
        await (await owner.PostJson(AskUrl(Guid.NewGuid().ToString()), Everything(milestoneId))).ExpectProblem(HttpStatusCode.NotFound);
        var asked = await Asked(owner, projectId, Everything(milestoneId));

        await (await owner.PostJson($"{Changes}/{asked.Str("id")}/approve", new { })).ExpectProblem(HttpStatusCode.Forbidden);
        await (await given.Admin.PostJson($"{Changes}/{Guid.NewGuid()}/approve", new { })).ExpectProblem(HttpStatusCode.NotFound);
        await (await given.Admin.PostJson($"{Changes}/{asked.Str("id")}/approve", new { meetingId = Guid.NewGuid() })).ExpectProblem(HttpStatusCode.BadRequest, "meetingId");
        await (await given.Admin.PostJson($"{Changes}/{asked.Str("id")}/approve", new { })).Expect(HttpStatusCode.OK);
        await (await given.Admin.PostJson($"{Changes}/{asked.Str("id")}/approve", new { })).ExpectProblem(HttpStatusCode.Conflict);
        await (await given.Admin.PostJson($"{Changes}/{asked.Str("id")}/reject", new { comment = "晚了" })).ExpectProblem(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Neither_the_asking_key_nor_another_key_of_its_holder_decides()
    {
        var project = await given.NewProject();
        var holder = $"王五（市发改委）{Scenario.Next()}";
        var asking = app.Client(await HeldKey("admin", holder));
        var sameHolder = app.Client(await HeldKey("admin", holder));
        var asked = await Asked(asking, project.Str("id"), new { reason = "投资调增", changes = new { totalInvestment = 150000m } });

        await (await asking.PostJson($"{Changes}/{asked.Str("id")}/approve", new { })).ExpectProblem(HttpStatusCode.Forbidden);
        await (await sameHolder.PostJson($"{Changes}/{asked.Str("id")}/approve", new { })).ExpectProblem(HttpStatusCode.Forbidden);
        await (await sameHolder.PostJson($"{Changes}/{asked.Str("id")}/reject", new { comment = "撤回" })).ExpectProblem(HttpStatusCode.Forbidden);
        Assert.Equal(125000.5m, (await given.Admin.GetProject(project.Str("id"))).GetProperty("totalInvestment").GetDecimal());
    }

    [Fact]
    public async Task Two_admins_deciding_at_once_exactly_one_wins()
    {
        var (projectId, milestoneId, owner, _) = await OwnedProject();
        var asked = await Asked(owner, projectId, Everything(milestoneId));
        var admins = await Task.WhenAll(Enumerable.Range(0, 2).Select(async _ => app.Client(await given.NewKey("admin"))));

        var answers = await Task.WhenAll(
            admins[0].PostJson($"{Changes}/{asked.Str("id")}/approve", new { comment = "同意" }),
            admins[1].PostJson($"{Changes}/{asked.Str("id")}/reject", new { comment = "不同意" }));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], answers.Select(a => a.StatusCode).Order());
        var history = await (await given.Admin.GetAsync($"/api/v1/projects/{projectId}/history")).Expect(HttpStatusCode.OK);
        Assert.Single(history.EnumerateArray(), e => e.Str("type") is "plan-change-approved" or "plan-change-rejected");
    }

    [Fact]
    public async Task A_closed_projects_changes_are_neither_asked_for_nor_decided()
    {
        var (projectId, milestoneId, owner, _) = await OwnedProject();
        var asked = await Asked(owner, projectId, Everything(milestoneId));
        await (await given.Admin.PostJson($"/api/v1/projects/{projectId}/close", new { remark = "提前终止" })).Expect(HttpStatusCode.OK);

        await (await owner.PostJson(AskUrl(projectId), new { reason = "调整", changes = new { targetYear = 2029 } })).ExpectProblem(HttpStatusCode.Conflict);
        await (await given.Admin.PostJson($"{Changes}/{asked.Str("id")}/approve", new { })).ExpectProblem(HttpStatusCode.Conflict);
        await (await given.Admin.PostJson($"{Changes}/{asked.Str("id")}/reject", new { comment = "项目已关闭" })).ExpectProblem(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Rebaseline_requests_appear_in_the_plan_change_list_as_the_baseline_only_kind()
    {
        var (projectId, milestoneId, owner, district) = await OwnedProject();
        var rebaseline = await (await owner.PostJson($"/api/v1/projects/{projectId}/rebaseline-requests",
            new { reason = "征地拆迁延后", changes = new[] { new { milestoneId, newBaselineDate = Baseline.AddDays(14) } } })).Expect(HttpStatusCode.Created);
        var planChange = await Asked(owner, projectId, new { reason = "投资调增", changes = new { totalInvestment = 150000m } });
        await (await given.Admin.PostJson($"/api/v1/rebaseline-requests/{rebaseline.Str("id")}/approve", new { })).Expect(HttpStatusCode.OK);

        var all = await (await given.Admin.GetAsync($"{Changes}?projectId={projectId}")).Expect(HttpStatusCode.OK);
        var pending = await (await given.Admin.GetAsync($"{Changes}?district={district}&status=pending")).Expect(HttpStatusCode.OK);
        var one = await (await given.Admin.GetAsync($"{Changes}/{rebaseline.Str("id")}")).Expect(HttpStatusCode.OK);

        Assert.Equal([rebaseline.Str("id"), planChange.Str("id")], all.GetProperty("items").EnumerateArray().Select(c => c.Str("id")));
        Assert.Equal(planChange.Str("id"), Assert.Single(pending.GetProperty("items").EnumerateArray()).Str("id"));
        Assert.Equal(("rebaseline", "approved", 14), (one.Str("kind"), one.Str("status"), one.GetProperty("baselineMoves")[0].GetProperty("daysMoved").GetInt32()));
        Assert.Equal(["baselines"], one.GetProperty("changes").EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Array ? p.Value.GetArrayLength() > 0 : p.Value.ValueKind != JsonValueKind.Null).Select(p => p.Name));
        await (await given.Admin.GetAsync($"{Changes}/{Guid.NewGuid()}")).ExpectProblem(HttpStatusCode.NotFound);
        await (await given.Admin.GetAsync($"{Changes}?status=maybe")).ExpectProblem(HttpStatusCode.BadRequest, "status");
    }

    [Fact]
    public async Task Churn_counts_every_move_while_the_net_lets_a_move_back_cancel_it()
    {
        var (projectId, milestoneId, owner, district) = await OwnedProject();
        foreach (var days in new[] { 30, 10 })
        {
            var asked = await Asked(owner, projectId, new { reason = "调整节点", changes = new { baselines = new[] { new { milestoneId, newBaselineDate = Baseline.AddDays(days) } } } });
            await (await given.Admin.PostJson($"{Changes}/{asked.Str("id")}/approve", new { })).Expect(HttpStatusCode.OK);
        }

        var project = await given.Admin.GetProject(projectId);
        var summary = await (await given.Admin.GetAsync("/api/v1/portfolio/summary?groupBy=district")).Expect(HttpStatusCode.OK);

        var counts = project.GetProperty("planChanges");
        Assert.Equal((2, 50, 10, 10), (counts.GetProperty("approved").GetInt32(), counts.GetProperty("daysMovedAbsolute").GetInt32(),
            counts.GetProperty("daysMovedNet").GetInt32(), project.GetProperty("rebaselineDaysMoved").GetInt32()));
        var row = summary.GetProperty("rows").EnumerateArray().Single(r => r.Str("key") == district).GetProperty("planChanges");
        Assert.Equal((2, 50, 10), (row.GetProperty("approved").GetInt32(), row.GetProperty("daysMovedAbsolute").GetInt32(), row.GetProperty("daysMovedNet").GetInt32()));
    }
}
