using System.Net;
using System.Text.Json;
using ProjectTracker.Api.Tests.Support;

namespace ProjectTracker.Api.Tests.Public;

/// <summary>Approved changes to the approved plan are published (开门搞规划): what, when, why and the document, never who.</summary>
[Collection(ApiCollection.Name)]
public sealed class PublicPlanChangesTests(TrackerApp app)
{
    private const string DocumentRef = "洛发改〔2026〕88号";

    private readonly Scenario given = new(app);
    private readonly HttpClient anonymous = app.Client(apiKey: null);

    [Fact]
    public async Task A_public_project_lists_its_approved_plan_changes_with_before_and_after_and_nothing_pending_or_rejected()
    {
        var story = await AProjectWithPlanChangesInEveryState();

        var shown = await (await anonymous.GetAsync($"/api/v1/public/projects/{story.ProjectId}")).Expect(HttpStatusCode.OK);
        var list = await (await anonymous.GetAsync($"/api/v1/public/projects?district={story.District}")).Expect(HttpStatusCode.OK);

        var change = Assert.Single(shown.GetProperty("planChanges").EnumerateArray());
        Assert.Equal(story.Approved, change.Str("id"));
        Assert.Equal(TrackerApp.Today.Iso(), change.Str("decidedOn"));
        Assert.Equal("线路向东延伸至高铁站", change.Str("reason"));
        Assert.Equal(DocumentRef, change.Str("documentRef"));
        Assert.Equal(
            ["totalInvestment", "targetYear", "category", "scope", "baselines", "annualPlans", "unkeyMilestones"],
            change.GetProperty("fields").EnumerateArray().Select(f => f.GetString()));
        var (before, after) = (change.GetProperty("before"), change.GetProperty("after"));
        Assert.Equal((125000.5m, 138000m), (before.GetProperty("totalInvestment").GetDecimal(), after.GetProperty("totalInvestment").GetDecimal()));
        Assert.Equal((2027, 2028), (before.GetProperty("targetYear").GetInt32(), after.GetProperty("targetYear").GetInt32()));
        Assert.Equal(("ring-road", "expressway"), (before.Str("category"), after.Str("category")));
        Assert.Equal((JsonValueKind.Null, "全长14.1公里，设站10座"), (before.GetProperty("scope").ValueKind, after.Str("scope")));
        Assert.Equal(JsonValueKind.Null, after.GetProperty("district").ValueKind);
        Assert.Equal(
            [("开工", story.Baseline.Iso())],
            before.GetProperty("baselines").EnumerateArray().Select(b => (b.Str("milestoneName"), b.Str("baselineDate"))));
        Assert.Equal(
            [("开工", story.Baseline.AddDays(45).Iso())],
            after.GetProperty("baselines").EnumerateArray().Select(b => (b.Str("milestoneName"), b.Str("baselineDate"))));
        Assert.Equal(
            [(2026, 30000m, 25000m)],
            before.GetProperty("annualPlans").EnumerateArray().Zip(after.GetProperty("annualPlans").EnumerateArray())
                .Select(p => (p.First.GetProperty("year").GetInt32(), p.First.GetProperty("plannedInvestment").GetDecimal(), p.Second.GetProperty("plannedInvestment").GetDecimal())));
        Assert.Equal(
            [("开工", true, false)],
            before.GetProperty("keyMilestones").EnumerateArray().Zip(after.GetProperty("keyMilestones").EnumerateArray())
                .Select(p => (p.First.Str("milestoneName"), p.First.GetProperty("isKey").GetBoolean(), p.Second.GetProperty("isKey").GetBoolean())));
        var listed = Assert.Single(list.GetProperty("items").EnumerateArray());
        Assert.Equal([story.Approved], listed.GetProperty("planChanges").EnumerateArray().Select(c => c.Str("id")));
    }

    [Fact]
    public async Task No_one_who_asked_or_decided_nor_any_comment_or_unapproved_reason_reaches_the_public()
    {
        var story = await AProjectWithPlanChangesInEveryState();

        var (_, oneText) = await anonymous.GetText($"/api/v1/public/projects/{story.ProjectId}");
        var (_, listText) = await anonymous.GetText($"/api/v1/public/projects?district={story.District}");
        var (_, packageText) = await anonymous.GetText("/api/v1/public/oc4ids");

        foreach (var (where, text) in new[] { ("project", oneText), ("list", listText), ("oc4ids", packageText) }.Select(a => (a.Item1, PublicTestKit.DecodedText(a.Item2))))
        {
            Assert.Contains("线路向东延伸至高铁站", text, StringComparison.Ordinal);
            foreach (var secret in story.Secrets)
            {
                Assert.False(text.Contains(secret, StringComparison.Ordinal), $"The public {where} answer shows '{secret}'.");
            }
        }

        Assert.DoesNotContain(story.Rejected, oneText, StringComparison.Ordinal);
        Assert.DoesNotContain(story.Pending, oneText, StringComparison.Ordinal);
        Assert.Empty(PublicTestKit.PropertyPaths(JsonDocument.Parse(oneText).RootElement).Where(f => !PublicProjectsTests.PublicProjectFields.Contains(f)).Distinct());
    }

    [Fact]
    public async Task The_oc4ids_package_carries_each_approved_change_as_a_project_document_and_still_validates()
    {
        var story = await AProjectWithPlanChangesInEveryState();
        var scheduleOnly = await Ask(story.ProjectId, story.Owner, new { targetYear = 2029 }, "工期顺延", null);
        await Approve(scheduleOnly, story.Decider);

        var (response, text) = await anonymous.GetText("/api/v1/public/oc4ids");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var errors = await PublicTestKit.Oc4idsErrors(text);
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
        var published = JsonDocument.Parse(text).RootElement.GetProperty("projects").EnumerateArray()
            .Single(p => p.Str("id").EndsWith($"-{story.Code}", StringComparison.Ordinal));
        var documents = published.GetProperty("documents").EnumerateArray().ToArray();
        Assert.Equal([$"plan-change-{story.Approved}", $"plan-change-{scheduleOnly}"], documents.Select(d => d.Str("id")));
        Assert.Equal(["budgetAmendmentApproval", "projectPlan"], documents.Select(d => d.Str("documentType")));
        Assert.Equal($"规划调整批复：总投资、目标年份、项目类别、建设内容及规模、节点基准日期、年度计划投资、关键节点调整（{DocumentRef}）", documents[0].Str("title"));
        Assert.Equal($"{TrackerApp.Today.Iso()}T00:00:00+08:00", documents[0].Str("datePublished"));
        var description = documents[0].Str("description");
        foreach (var part in new[]
        {
            "总投资：125,000.5 万元 → 138,000 万元",
            "目标年份：2027 → 2028",
            "项目类别：环城路 → 快速路",
            "建设内容及规模：未定 → “全长14.1公里，设站10座”",
            $"节点基准日期：开工 {story.Baseline.Iso()} → {story.Baseline.AddDays(45).Iso()}",
            "年度计划投资：2026 年 30,000 万元 → 25,000 万元",
            "关键节点调整：开工 不再作为关键节点",
            "。调整理由：线路向东延伸至高铁站",
        })
        {
            Assert.Contains(part, description, StringComparison.Ordinal);
        }

        Assert.Equal("规划调整批复：目标年份", documents[1].Str("title"));
        Assert.Equal("目标年份：2028 → 2029。调整理由：工期顺延", documents[1].Str("description"));
    }

    private sealed record Story(
        string ProjectId, string Code, string District, DateOnly Baseline, HttpClient Owner, HttpClient Decider,
        string Approved, string Rejected, string Pending, IReadOnlyList<string> Secrets);

    /// <summary>
    /// A district's public project with a key milestone and this year's plan: one change approved (every field but the
    /// district, with a document number), one rejected, one rebaseline request left pending.</summary>
    private async Task<Story> AProjectWithPlanChangesInEveryState()
    {
        var run = Scenario.Next();
        var district = await given.NewDistrict();
        var asking = await given.IssueKey("district", district);
        var deciding = await given.IssueKey("admin");
        var owner = app.Client(asking.Secret);
        var decider = app.Client(deciding.Secret);
        var project = await given.NewPublicProject(district: district);
        var projectId = project.Str("id");
        var baseline = TrackerApp.Today.AddDays(30);
        var milestoneId = (await given.NewMilestone(projectId, baseline, isKey: true)).Str("id");
        await (await owner.PutJson($"/api/v1/projects/{projectId}/annual-plans/2026", new { plannedInvestment = 30000m })).Expect(HttpStatusCode.OK);
        var (approveComment, rejectedReason, rejectComment, pendingReason) = ($"同意意见陈一{run}", $"被否理由林二{run}", $"不同意意见黄三{run}", $"待审理由周四{run}");

        var approved = await Ask(projectId, owner, new
        {
            totalInvestment = 138000m,
            targetYear = 2028,
            category = "expressway",
            scope = "全长14.1公里，设站10座",
            baselines = new[] { new { milestoneId, newBaselineDate = baseline.AddDays(45) } },
            annualPlans = new[] { new { year = 2026, plannedInvestment = 25000m } },
            unkeyMilestones = new[] { milestoneId },
        }, "线路向东延伸至高铁站", DocumentRef);
        await (await decider.PostJson($"/api/v1/plan-changes/{approved}/approve", new { comment = approveComment })).Expect(HttpStatusCode.OK);
        var rejected = await Ask(projectId, owner, new { totalInvestment = 200000m }, rejectedReason, $"洛发改〔2026〕{run}号");
        await (await decider.PostJson($"/api/v1/plan-changes/{rejected}/reject", new { comment = rejectComment })).Expect(HttpStatusCode.OK);
        var pending = (await (await owner.PostJson($"/api/v1/projects/{projectId}/rebaseline-requests", new
        {
            reason = pendingReason,
            changes = new[] { new { milestoneId, newBaselineDate = baseline.AddDays(90) } },
        })).Expect(HttpStatusCode.Created)).Str("id");

        string[] secrets = [asking.Name, asking.Secret, deciding.Name, deciding.Secret, approveComment, rejectedReason, rejectComment, pendingReason, $"洛发改〔2026〕{run}号"];
        return new Story(projectId, project.Str("code"), district, baseline, owner, decider, approved, rejected, pending, secrets);
    }

    private static async Task<string> Ask(string projectId, HttpClient owner, object changes, string reason, string? documentRef) =>
        (await (await owner.PostJson($"/api/v1/projects/{projectId}/plan-changes", new { reason, documentRef, changes })).Expect(HttpStatusCode.Created)).Str("id");

    private static async Task Approve(string id, HttpClient decider) =>
        await (await decider.PostJson($"/api/v1/plan-changes/{id}/approve", new { comment = "同意" })).Expect(HttpStatusCode.OK);
}
