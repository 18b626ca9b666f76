using System.Net;
using System.Text.Json;
using ProjectTracker.Api.Tests.Support;

namespace ProjectTracker.Api.Tests.Projects;

[Collection(ApiCollection.Name)]
public sealed class AmendProjectTests(TrackerApp app)
{
    private readonly Scenario given = new(app);

    [Fact]
    public async Task Amending_changes_only_the_fields_sent_and_answers_a_new_etag()
    {
        var project = await given.NewProject();
        var id = project.Str("id");

        var response = await given.Admin.PatchJson($"/api/v1/projects/{id}", new { name = "东环路快速化改造（二期）", leadOfficial = "王五", planPeriod = "15th" });

        var amended = await response.Expect(HttpStatusCode.OK);
        Assert.Equal(2, response.ETag());
        Assert.Equal(2, amended.Version());
        Assert.Equal("东环路快速化改造（二期）", amended.Str("name"));
        Assert.Equal("王五", amended.Str("leadOfficial"));
        Assert.Equal("15th", amended.Str("planPeriod"));
        Assert.Equal(project.GetProperty("totalInvestment").GetDecimal(), amended.GetProperty("totalInvestment").GetDecimal());
        foreach (var kept in new[] { "code", "category", "district", "responsibleUnit", "contactEmail", "description" })
        {
            Assert.Equal(project.Str(kept), amended.Str(kept));
        }

        Assert.Equal(project.GetProperty("targetYear").GetInt32(), amended.GetProperty("targetYear").GetInt32());
        Assert.True(amended.GetProperty("isPublic").GetBoolean());
        var stored = await given.Admin.GetProject(id);
        Assert.Equal("东环路快速化改造（二期）", stored.Str("name"));
        Assert.Equal(project.Str("description"), stored.Str("description"));
    }

    [Fact]
    public async Task Null_clears_an_optional_field()
    {
        var project = await given.NewProject();

        var response = await given.Admin.PatchJson($"/api/v1/projects/{project.Str("id")}", new { description = (string?)null, leadOfficial = (string?)null });

        var amended = await response.Expect(HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, amended.GetProperty("description").ValueKind);
        Assert.Equal(JsonValueKind.Null, amended.GetProperty("leadOfficial").ValueKind);
        Assert.Equal(project.Str("name"), amended.Str("name"));
        var stored = await given.Admin.GetProject(project.Str("id"));
        Assert.Equal(JsonValueKind.Null, stored.GetProperty("description").ValueKind);
    }

    [Fact]
    public async Task A_field_named_in_another_case_is_checked_and_applied_like_the_binder_reads_it()
    {
        var project = await given.NewProject();
        var id = project.Str("id");

        var amended = await (await given.Admin.PatchJson($"/api/v1/projects/{id}", Raw("""{"LeadOfficial":"王五"}"""))).Expect(HttpStatusCode.OK);
        var refused = await given.Admin.PatchJson($"/api/v1/projects/{id}", Raw("""{"TotalInvestment":-1}"""));

        Assert.Equal("王五", amended.Str("leadOfficial"));
        Assert.Equal("王五", (await given.Admin.GetProject(id)).Str("leadOfficial"));
        await refused.ExpectProblem(HttpStatusCode.BadRequest, "totalInvestment");
    }

    private static StringContent Raw(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    [Fact]
    public async Task History_records_the_amendment_with_the_fields_changed()
    {
        var project = await given.NewProject();
        var id = project.Str("id");

        await (await given.Admin.PatchJson($"/api/v1/projects/{id}", new { name = "东环路快速化改造（二期）", description = (string?)null, leadOfficial = "张三" }))
            .Expect(HttpStatusCode.OK);

        var history = await given.Admin.History(id);
        Assert.Equal(2, history.Length);
        var amended = history[1];
        Assert.Equal("project-amended", amended.Str("type"));
        Assert.Equal(2, amended.GetProperty("version").GetInt64());
        var changed = amended.GetProperty("data").GetProperty("changedFields").EnumerateArray().Select(f => f.GetString()!).ToArray();
        Assert.Equal(new[] { "name", "description" }, changed);
    }

    [Fact]
    public async Task A_patch_that_changes_nothing_leaves_the_version_alone()
    {
        var project = await given.NewProject();
        var id = project.Str("id");

        var response = await given.Admin.PatchJson($"/api/v1/projects/{id}", new { name = project.Str("name"), category = project.Str("category") });

        var same = await response.Expect(HttpStatusCode.OK);
        Assert.Equal(1, same.Version());
        Assert.Equal(1, response.ETag());
        Assert.Single(await given.Admin.History(id));
    }

    [Fact]
    public async Task An_empty_patch_changes_nothing()
    {
        var project = await given.NewProject();

        var response = await given.Admin.PatchJson($"/api/v1/projects/{project.Str("id")}", new { });

        Assert.Equal(1, (await response.Expect(HttpStatusCode.OK)).Version());
    }

    [Fact]
    public async Task The_code_cannot_be_amended()
    {
        var project = await given.NewProject();

        var response = await given.Admin.PatchJson($"/api/v1/projects/{project.Str("id")}", new { code = Scenario.NewCode() });

        await response.ExpectProblem(HttpStatusCode.BadRequest, "code");
        var stored = await given.Admin.GetProject(project.Str("id"));
        Assert.Equal(project.Str("code"), stored.Str("code"));
        Assert.Equal(1, stored.Version());
    }

    [Theory]
    [InlineData("name")]
    [InlineData("category")]
    [InlineData("district")]
    [InlineData("responsibleUnit")]
    [InlineData("isPublic")]
    public async Task A_required_field_cannot_be_cleared(string field)
    {
        var project = await given.NewProject();

        var response = await given.Admin.PatchJson($"/api/v1/projects/{project.Str("id")}", new Dictionary<string, object?> { [field] = null });

        await response.ExpectProblem(HttpStatusCode.BadRequest, field);
        Assert.Equal(1, (await given.Admin.GetProject(project.Str("id"))).Version());
    }

    [Theory]
    [InlineData("totalInvestment", -1)]
    [InlineData("category", "spaceport")]
    [InlineData("planPeriod", "17th")]
    [InlineData("targetYear", "soon")]
    [InlineData("contactEmail", "not-an-email")]
    public async Task A_bad_value_is_refused_naming_the_field(string field, object value)
    {
        var project = await given.NewProject();

        var response = await given.Admin.PatchJson($"/api/v1/projects/{project.Str("id")}", new Dictionary<string, object?> { [field] = value });

        await response.ExpectProblem(HttpStatusCode.BadRequest, field);
        Assert.Equal(1, (await given.Admin.GetProject(project.Str("id"))).Version());
    }

    [Theory]
    [InlineData("")]
    [InlineData("{ \"name\": ")]
    [InlineData("null")]
    [InlineData("[]")]
    public async Task A_body_that_is_not_a_json_object_is_a_400_problem(string body)
    {
        var project = await given.NewProject();

        var response = await given.Admin.SendRaw(HttpMethod.Patch, $"/api/v1/projects/{project.Str("id")}", body);

        await response.ExpectProblem(HttpStatusCode.BadRequest);
        Assert.Equal(1, (await given.Admin.GetProject(project.Str("id"))).Version());
    }

    [Fact]
    public async Task A_stale_if_match_is_412_and_nothing_changes()
    {
        var project = await given.NewProject();
        var id = project.Str("id");
        await (await given.Admin.PatchJson($"/api/v1/projects/{id}", new { leadOfficial = "李四" })).Expect(HttpStatusCode.OK);

        var response = await given.Admin.PatchJson($"/api/v1/projects/{id}", new { name = "基于旧版本的修改" }, ifMatch: "\"1\"");

        await response.ExpectProblem(HttpStatusCode.PreconditionFailed);
        var stored = await given.Admin.GetProject(id);
        Assert.Equal(project.Str("name"), stored.Str("name"));
        Assert.Equal("李四", stored.Str("leadOfficial"));
        Assert.Equal(2, stored.Version());
    }

    [Fact]
    public async Task A_current_if_match_is_accepted()
    {
        var project = await given.NewProject();

        var response = await given.Admin.PatchJson($"/api/v1/projects/{project.Str("id")}", new { name = "新名称" }, ifMatch: "\"1\"");

        var amended = await response.Expect(HttpStatusCode.OK);
        Assert.Equal("新名称", amended.Str("name"));
        Assert.Equal(2, response.ETag());
    }

    [Fact]
    public async Task An_if_match_ahead_of_the_project_is_412()
    {
        var project = await given.NewProject();

        var response = await given.Admin.PatchJson($"/api/v1/projects/{project.Str("id")}", new { name = "新名称" }, ifMatch: "\"7\"");

        await response.ExpectProblem(HttpStatusCode.PreconditionFailed);
        Assert.Equal(project.Str("name"), (await given.Admin.GetProject(project.Str("id"))).Str("name"));
    }

    [Theory]
    [InlineData("1")]
    [InlineData("\"one\"")]
    [InlineData("\"1\", \"2\"")]
    [InlineData("\"-1\"")]
    public async Task A_malformed_if_match_is_a_400_problem(string ifMatch)
    {
        var project = await given.NewProject();

        var response = await given.Admin.SendRaw(HttpMethod.Patch, $"/api/v1/projects/{project.Str("id")}", """{ "name": "新名称" }""", ifMatch);

        var problem = await response.ExpectProblem(HttpStatusCode.BadRequest);
        var error = Assert.Single(problem.GetProperty("errors").EnumerateObject());
        Assert.Equal("If-Match", error.Name);
        Assert.Equal(1, (await given.Admin.GetProject(project.Str("id"))).Version());
    }

    [Fact]
    public async Task A_weak_if_match_never_matches_and_is_a_412()
    {
        var project = await given.NewProject();

        var response = await given.Admin.SendRaw(HttpMethod.Patch, $"/api/v1/projects/{project.Str("id")}", """{ "name": "新名称" }""", "W/\"1\"");

        await response.ExpectProblem(HttpStatusCode.PreconditionFailed);
        Assert.Equal(project.Str("name"), (await given.Admin.GetProject(project.Str("id"))).Str("name"));
    }

    [Fact]
    public async Task Amending_an_unknown_project_is_not_found()
    {
        var response = await given.Admin.PatchJson($"/api/v1/projects/{Guid.NewGuid()}", new { name = "新名称" });

        await response.ExpectProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Amending_an_unknown_project_with_if_match_is_not_found()
    {
        var response = await given.Admin.PatchJson($"/api/v1/projects/{Guid.NewGuid()}", new { name = "新名称" }, ifMatch: "\"1\"");

        await response.ExpectProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Moving_a_project_to_another_district_is_a_plan_change_even_for_an_admin()
    {
        var project = await given.NewProject();
        var target = await given.NewDistrict("新区");

        var response = await given.Admin.PatchJson($"/api/v1/projects/{project.Str("id")}", new { district = target, leadOfficial = "王五" });

        var problem = await response.ExpectProblem(HttpStatusCode.Conflict);
        Assert.EndsWith("plan-change-required", problem.Str("type"));
        Assert.Equal(["district"], problem.GetProperty("fields").EnumerateArray().Select(f => f.GetString()));
        var stored = await given.Admin.GetProject(project.Str("id"));
        Assert.Equal((project.Str("district"), project.Str("leadOfficial"), 1L), (stored.Str("district"), stored.Str("leadOfficial"), stored.Version()));
    }

    [Fact]
    public async Task Moving_a_project_to_an_unknown_district_is_refused()
    {
        var project = await given.NewProject();

        var response = await given.Admin.PatchJson($"/api/v1/projects/{project.Str("id")}", new { district = "000000" });

        await response.ExpectProblem(HttpStatusCode.BadRequest, "district");
        Assert.Equal(project.Str("district"), (await given.Admin.GetProject(project.Str("id"))).Str("district"));
    }

    [Fact]
    public async Task A_district_key_moving_its_project_to_another_district_is_told_it_is_a_plan_change()
    {
        var own = await given.NewDistrict();
        var other = await given.NewDistrict();
        var owner = app.Client(await given.NewKey("district", own));
        var project = await given.NewProject(own, owner);

        var response = await owner.PatchJson($"/api/v1/projects/{project.Str("id")}", new { district = other });

        Assert.EndsWith("plan-change-required", (await response.ExpectProblem(HttpStatusCode.Conflict)).Str("type"));
        var stored = await given.Admin.GetProject(project.Str("id"));
        Assert.Equal(own, stored.Str("district"));
        Assert.Equal(1, stored.Version());
    }

    [Fact]
    public async Task A_district_key_amends_its_own_districts_project()
    {
        var own = await given.NewDistrict();
        var owner = app.Client(await given.NewKey("district", own));
        var project = await given.NewProject(own, owner);

        var response = await owner.PatchJson($"/api/v1/projects/{project.Str("id")}", new { contactEmail = "owner@example.gov.cn" });

        Assert.Equal("owner@example.gov.cn", (await response.Expect(HttpStatusCode.OK)).Str("contactEmail"));
    }

    [Fact]
    public async Task A_reader_key_cannot_amend()
    {
        var project = await given.NewProject();
        var reader = app.Client(await given.NewKey("reader"));

        var response = await reader.PatchJson($"/api/v1/projects/{project.Str("id")}", new { name = "新名称" });

        await response.ExpectProblem(HttpStatusCode.Forbidden);
        Assert.Equal(1, (await given.Admin.GetProject(project.Str("id"))).Version());
    }
}
