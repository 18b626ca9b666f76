using System.Net;
using System.Text.Json;
using ProjectTracker.Api.Tests.Support;

namespace ProjectTracker.Api.Tests.Public;

[Collection(ApiCollection.Name)]
public sealed class PublicProjectsTests(TrackerApp app)
{
    /// <summary>Every property the public answers may carry; anything else is a leak.</summary>
    internal static readonly HashSet<string> PublicProjectFields =
    [
        "id", "code", "name", "category", "district", "districtName", "responsibleUnit", "totalInvestment", "planPeriod",
        "targetYear", "cluster", "sector", "programme", "description", "location", "location.type", "location.coordinates", "status", "rag", "reasons", "reasons[].rule",
        "reasons[].severity", "reasons[].text", "latestProgress", "latestProgress.reportDate", "latestProgress.percentComplete",
        "milestones", "milestones[].name", "milestones[].kind", "milestones[].isKey", "milestones[].baselineDate",
        "milestones[].forecastDate", "milestones[].expectedDate", "milestones[].actualDate",
        "planChanges", "planChanges[].id", "planChanges[].decidedOn", "planChanges[].reason", "planChanges[].documentRef",
        "planChanges[].fields", .. PlanValues("planChanges[].before"), .. PlanValues("planChanges[].after"),
    ];

    private static IEnumerable<string> PlanValues(string at) =>
        new[] { "", ".totalInvestment", ".targetYear", ".category", ".district", ".scope", ".baselines", ".baselines[].milestoneName",
         ".baselines[].baselineDate", ".annualPlans", ".annualPlans[].year", ".annualPlans[].plannedInvestment", ".keyMilestones",
         ".keyMilestones[].milestoneName", ".keyMilestones[].isKey" }.Select(p => at + p);

    private readonly Scenario given = new(app);
    private readonly HttpClient anonymous = app.Client(apiKey: null);

    [Fact]
    public async Task A_public_project_is_listed_and_shown_without_a_key()
    {
        var district = await given.NewDistrict("洛龙区");
        var project = await given.NewPublicProject(district: district);
        var id = project.Str("id");
        await given.NewMilestone(id, TrackerApp.Today.AddDays(30), isKey: true);
        await (await given.Admin.PostJson($"/api/v1/projects/{id}/progress-reports", ProjectTestKit.ProgressBody(40m))).Expect(HttpStatusCode.Created);

        var list = await (await anonymous.GetAsync($"/api/v1/public/projects?district={district}")).Expect(HttpStatusCode.OK);
        var shown = await (await anonymous.GetAsync($"/api/v1/public/projects/{id}")).Expect(HttpStatusCode.OK);

        var listed = Assert.Single(list.GetProperty("items").EnumerateArray());
        Assert.Equal(id, listed.Str("id"));
        Assert.Equal(1, list.GetProperty("total").GetInt64());
        Assert.Equal(project.Str("code"), shown.Str("code"));
        Assert.Equal("东环路快速化改造", shown.Str("name"));
        Assert.Equal("ring-road", shown.Str("category"));
        Assert.Equal(district, shown.Str("district"));
        Assert.Equal("洛龙区", shown.Str("districtName"));
        Assert.Equal("市交通运输局", shown.Str("responsibleUnit"));
        Assert.Equal(125000.5m, shown.GetProperty("totalInvestment").GetDecimal());
        Assert.Equal("14th", shown.Str("planPeriod"));
        Assert.Equal(2027, shown.GetProperty("targetYear").GetInt32());
        Assert.Equal("active", shown.Str("status"));
        Assert.Equal("green", shown.Str("rag"));
        Assert.Equal(40m, shown.GetProperty("latestProgress").GetProperty("percentComplete").GetDecimal());
        Assert.Equal(TrackerApp.Today.AddDays(-1).Iso(), shown.GetProperty("latestProgress").Str("reportDate"));
        var milestone = Assert.Single(shown.GetProperty("milestones").EnumerateArray());
        Assert.Equal("开工", milestone.Str("name"));
        Assert.Equal("groundbreaking", milestone.Str("kind"));
        Assert.True(milestone.GetProperty("isKey").GetBoolean());
        Assert.Equal(TrackerApp.Today.AddDays(30).Iso(), milestone.Str("baselineDate"));
        Assert.Equal(TrackerApp.Today.AddDays(30).Iso(), milestone.Str("forecastDate"));
        Assert.Equal(JsonValueKind.Null, milestone.GetProperty("actualDate").ValueKind);
    }

    [Fact]
    public async Task The_list_finds_projects_by_part_of_the_name_or_the_code_in_any_case()
    {
        var district = await given.NewDistrict();
        var word = $"Road{Scenario.Next()}";
        var named = await given.NewPublicProject(b => b["name"] = $"伊洛{word}改造", district);
        var coded = await given.NewPublicProject(district: district);
        await given.NewPublicProject(b => (b["name"], b["isPublic"]) = ($"伊洛{word}内部", false), district);

        var byName = await (await anonymous.GetAsync($"/api/v1/public/projects?q={word.ToLowerInvariant()}")).Expect(HttpStatusCode.OK);
        var byCode = await (await anonymous.GetAsync($"/api/v1/public/projects?district={district}&q={coded.Str("code")[^6..]}")).Expect(HttpStatusCode.OK);
        var tooLong = await (await anonymous.GetAsync($"/api/v1/public/projects?q={new string('路', 101)}")).ExpectProblem(HttpStatusCode.BadRequest, "q");

        Assert.Equal([named.Str("id")], byName.GetProperty("items").EnumerateArray().Select(p => p.Str("id")));
        Assert.Equal([coded.Str("id")], byCode.GetProperty("items").EnumerateArray().Select(p => p.Str("id")));
        Assert.Equal("q", tooLong.GetProperty("errors").EnumerateObject().Single().Name);
    }

    [Fact]
    public async Task A_project_that_is_not_public_is_not_listed_and_answers_the_same_404_as_an_unknown_id()
    {
        var district = await given.NewDistrict();
        var hidden = await given.NewPublicProject(b => b["isPublic"] = false, district);
        var shown = await given.NewPublicProject(district: district);

        var list = await (await anonymous.GetAsync($"/api/v1/public/projects?district={district}")).Expect(HttpStatusCode.OK);
        var hiddenAnswer = await (await anonymous.GetAsync($"/api/v1/public/projects/{hidden.Str("id")}")).ExpectProblem(HttpStatusCode.NotFound);
        var unknownAnswer = await (await anonymous.GetAsync($"/api/v1/public/projects/{Guid.NewGuid()}")).ExpectProblem(HttpStatusCode.NotFound);

        Assert.Equal([shown.Str("id")], list.GetProperty("items").EnumerateArray().Select(p => p.Str("id")));
        Assert.Equal(unknownAnswer.Str("title"), hiddenAnswer.Str("title"));
        Assert.Equal(
            unknownAnswer.EnumerateObject().Select(p => p.Name).Except(["instance", "traceId"]).Order(),
            hiddenAnswer.EnumerateObject().Select(p => p.Name).Except(["instance", "traceId"]).Order());
    }

    [Fact]
    public async Task A_project_made_private_or_cancelled_leaves_the_public_screens()
    {
        var district = await given.NewDistrict();
        var madePrivate = await given.NewPublicProject(district: district);
        var cancelled = await given.NewPublicProject(district: district);
        await (await anonymous.GetAsync($"/api/v1/public/projects/{cancelled.Str("id")}")).Expect(HttpStatusCode.OK);

        await (await given.Admin.PatchJson($"/api/v1/projects/{madePrivate.Str("id")}", new { isPublic = false })).Expect(HttpStatusCode.OK);
        await (await given.Admin.PostJson($"/api/v1/projects/{cancelled.Str("id")}/cancel", new { reason = "规划调整，项目取消" })).Expect(HttpStatusCode.OK);

        await (await anonymous.GetAsync($"/api/v1/public/projects/{madePrivate.Str("id")}")).ExpectProblem(HttpStatusCode.NotFound);
        await (await anonymous.GetAsync($"/api/v1/public/projects/{cancelled.Str("id")}")).ExpectProblem(HttpStatusCode.NotFound);
        var list = await (await anonymous.GetAsync($"/api/v1/public/projects?district={district}")).Expect(HttpStatusCode.OK);
        Assert.Empty(list.GetProperty("items").EnumerateArray());
        Assert.Equal(0, list.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task A_closed_project_stays_public()
    {
        var project = await given.NewPublicProject();
        await (await given.Admin.PostJson($"/api/v1/projects/{project.Str("id")}/close", new { remark = "竣工验收完成" })).Expect(HttpStatusCode.OK);

        var shown = await (await anonymous.GetAsync($"/api/v1/public/projects/{project.Str("id")}")).Expect(HttpStatusCode.OK);

        Assert.Equal("closed", shown.Str("status"));
    }

    [Fact]
    public async Task No_private_field_or_personal_text_appears_in_the_public_answers()
    {
        var run = Scenario.Next();
        var email = $"leak-{run}@example.gov.cn";
        var official = $"王大锤{run}";
        var forecastReason = $"施工单位负责人赵六{run}称征地延误";
        var narrative = $"进展说明孙七{run}";
        var issues = $"问题周八{run}";
        var rebaselineReason = $"调整理由吴九{run}";
        var district = await given.NewDistrict();
        var districtKey = await given.IssueKey("district", district);
        var owner = app.Client(districtKey.Secret);
        var body = Scenario.ProjectBody(district);
        body["contactEmail"] = email;
        body["leadOfficial"] = official;
        body["location"] = JsonDocument.Parse("""{"type":"Point","coordinates":[112.466,34.582]}""").RootElement;
        var project = await (await owner.PostJson("/api/v1/projects", body)).Expect(HttpStatusCode.Created);
        var id = project.Str("id");
        var milestone = await (await owner.PostJson($"/api/v1/projects/{id}/milestones", ProjectTestKit.MilestoneBody())).Expect(HttpStatusCode.Created);
        var milestoneId = milestone.Str("id");
        await (await owner.PostJson($"/api/v1/projects/{id}/milestones/{milestoneId}/forecast",
            new { forecastDate = TrackerApp.Today.AddDays(50), reason = forecastReason })).Expect(HttpStatusCode.OK);
        await (await owner.PostJson($"/api/v1/projects/{id}/progress-reports",
            new { reportDate = TrackerApp.Today, percentComplete = 10m, investmentToDate = 1000m, narrative, issues })).Expect(HttpStatusCode.Created);
        await (await owner.PostJson($"/api/v1/projects/{id}/rebaseline-requests",
            new { reason = rebaselineReason, changes = new[] { new { milestoneId, newBaselineDate = TrackerApp.Today.AddDays(50) } } })).Expect(HttpStatusCode.Created);
        string[] secrets = [email, official, forecastReason, narrative, issues, rebaselineReason, districtKey.Name, districtKey.Secret];

        var (listResponse, listText) = await anonymous.GetText($"/api/v1/public/projects?district={district}");
        var (oneResponse, oneText) = await anonymous.GetText($"/api/v1/public/projects/{id}");
        var (packageResponse, packageText) = await anonymous.GetText("/api/v1/public/oc4ids");
        var (mapResponse, mapText) = await anonymous.GetText("/api/v1/public/geojson");

        Assert.Equal(HttpStatusCode.OK, listResponse.StatusCode);
        Assert.Equal(HttpStatusCode.OK, oneResponse.StatusCode);
        Assert.Equal(HttpStatusCode.OK, packageResponse.StatusCode);
        Assert.Equal(HttpStatusCode.OK, mapResponse.StatusCode);
        Assert.Contains(project.Str("code"), packageText, StringComparison.Ordinal);
        Assert.Contains(project.Str("code"), mapText, StringComparison.Ordinal);
        foreach (var (where, text) in new[] { ("list", listText), ("project", oneText), ("oc4ids", packageText), ("geojson", mapText) }.Select(a => (a.Item1, PublicTestKit.DecodedText(a.Item2))))
        {
            foreach (var secret in secrets)
            {
                Assert.False(text.Contains(secret, StringComparison.Ordinal), $"The public {where} answer shows '{secret}'.");
            }
        }

        var listFields = PublicTestKit.PropertyPaths(JsonDocument.Parse(listText).RootElement)
            .Where(p => p.StartsWith("items[].", StringComparison.Ordinal))
            .Select(p => p["items[].".Length..]);
        Assert.Empty(listFields.Where(f => !PublicProjectFields.Contains(f)).Distinct());
        Assert.Empty(PublicTestKit.PropertyPaths(JsonDocument.Parse(oneText).RootElement).Where(f => !PublicProjectFields.Contains(f)).Distinct());
    }

    [Fact]
    public async Task The_public_light_and_its_reasons_are_the_ones_the_project_itself_shows()
    {
        var project = await given.NewPublicProject();
        var id = project.Str("id");
        await given.NewMilestone(id, TrackerApp.Today.AddDays(-3), isKey: true);

        var inside = await given.Admin.GetProject(id);
        var shown = await (await anonymous.GetAsync($"/api/v1/public/projects/{id}")).Expect(HttpStatusCode.OK);

        Assert.Equal("red", shown.Str("rag"));
        Assert.Equal(inside.Str("rag"), shown.Str("rag"));
        Assert.Equal(
            inside.GetProperty("reasons").EnumerateArray().Select(r => (r.Str("rule"), r.Str("severity"), r.Str("text"))),
            shown.GetProperty("reasons").EnumerateArray().Select(r => (r.Str("rule"), r.Str("severity"), r.Str("text"))));
        Assert.Contains("已逾期 3 天", shown.GetProperty("reasons")[0].Str("text"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_public_data_needs_no_key_while_the_rest_of_the_api_still_answers_401()
    {
        var project = await given.NewPublicProject();
        var id = project.Str("id");
        var wrongKey = app.Client("pt_not_a_key");

        await (await anonymous.GetAsync("/api/v1/public/projects")).Expect(HttpStatusCode.OK);
        await (await anonymous.GetAsync($"/api/v1/public/projects/{id}")).Expect(HttpStatusCode.OK);
        await (await anonymous.GetAsync("/api/v1/public/oc4ids")).Expect(HttpStatusCode.OK);
        await (await wrongKey.GetAsync($"/api/v1/public/projects/{id}")).Expect(HttpStatusCode.OK);
        await (await anonymous.GetAsync($"/api/v1/projects/{id}")).ExpectProblem(HttpStatusCode.Unauthorized);
        await (await anonymous.GetAsync("/api/v1/projects")).ExpectProblem(HttpStatusCode.Unauthorized);
        await (await anonymous.GetAsync($"/api/v1/projects/{id}/history")).ExpectProblem(HttpStatusCode.Unauthorized);
        await (await wrongKey.GetAsync($"/api/v1/projects/{id}")).ExpectProblem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_openapi_document_says_the_public_operations_need_no_key()
    {
        var document = await (await anonymous.GetAsync("/swagger/v1/swagger.json")).Expect(HttpStatusCode.OK);
        var paths = document.GetProperty("paths");

        foreach (var path in new[] { "/api/v1/public/projects", "/api/v1/public/projects/{id}", "/api/v1/public/oc4ids" })
        {
            var operation = paths.GetProperty(path).GetProperty("get");
            Assert.Equal(0, operation.GetProperty("security").GetArrayLength());
            Assert.True(operation.GetProperty("responses").TryGetProperty("200", out _), $"{path} documents no 200");
        }

        Assert.False(paths.GetProperty("/api/v1/projects").GetProperty("get").TryGetProperty("security", out _));
    }

    [Fact]
    public async Task The_list_filters_by_district_and_category_and_pages()
    {
        var district = await given.NewDistrict();
        var road = await given.NewPublicProject(district: district);
        var park = await given.NewPublicProject(b => b["category"] = "pocket-park", district);
        await given.NewPublicProject(b => b["category"] = "pocket-park");

        var parks = await (await anonymous.GetAsync($"/api/v1/public/projects?district={district}&category=pocket-park")).Expect(HttpStatusCode.OK);
        var firstPage = await (await anonymous.GetAsync($"/api/v1/public/projects?district={district}&pageSize=1")).Expect(HttpStatusCode.OK);
        var secondPage = await (await anonymous.GetAsync($"/api/v1/public/projects?district={district}&pageSize=1&page=2")).Expect(HttpStatusCode.OK);

        Assert.Equal([park.Str("id")], parks.GetProperty("items").EnumerateArray().Select(p => p.Str("id")));
        Assert.Equal(2, firstPage.GetProperty("total").GetInt64());
        Assert.Equal(2, secondPage.GetProperty("total").GetInt64());
        Assert.Equal(1, secondPage.GetProperty("pageSize").GetInt32());
        // Ordered by code, the order of registration here.
        Assert.Equal(
            [road.Str("id"), park.Str("id")],
            firstPage.GetProperty("items").EnumerateArray().Concat(secondPage.GetProperty("items").EnumerateArray()).Select(p => p.Str("id")));
    }

    [Theory]
    [InlineData("category=motorway", "category")]
    [InlineData("page=0", "page")]
    [InlineData("pageSize=501", "pageSize")]
    [InlineData("pageSize=abc", "pageSize")]
    public async Task A_bad_query_string_is_a_400_problem_naming_the_parameter(string query, string field)
    {
        var response = await anonymous.GetAsync($"/api/v1/public/projects?{query}");

        await response.ExpectProblem(HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task Public_answers_may_be_cached_for_a_minute_but_a_404_is_not()
    {
        var project = await given.NewPublicProject();

        var list = await anonymous.GetAsync("/api/v1/public/projects?pageSize=1");
        var one = await anonymous.GetAsync($"/api/v1/public/projects/{project.Str("id")}");
        var package = await anonymous.GetAsync("/api/v1/public/oc4ids");
        var missing = await anonymous.GetAsync($"/api/v1/public/projects/{Guid.NewGuid()}");

        foreach (var response in new[] { list, one, package })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(response.Headers.CacheControl?.Public);
            Assert.Equal(TimeSpan.FromSeconds(60), response.Headers.CacheControl?.MaxAge);
        }

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Null(missing.Headers.CacheControl);
    }
}
