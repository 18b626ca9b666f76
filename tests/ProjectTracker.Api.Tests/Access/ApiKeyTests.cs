using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ProjectTracker.Api.Tests.Support;

namespace ProjectTracker.Api.Tests.Access;

[Collection(ApiCollection.Name)]
public sealed class ApiKeyTests(TrackerApp app)
{
    private readonly Scenario given = new(app);

    [Fact]
    public async Task Creating_a_key_answers_201_with_its_secret_name_role_and_district()
    {
        var district = await given.NewDistrict();

        var response = await given.Admin.PostJson("/api/v1/api-keys", new { name = "东城区项目办", role = "district", district });

        var key = await response.Expect(HttpStatusCode.Created);
        Assert.True(Guid.TryParse(key.Str("id"), out _));
        Assert.StartsWith("pt_", key.Str("key"));
        Assert.True(key.Str("key").Length >= 40, "The secret should carry enough randomness to be unguessable.");
        Assert.Equal("东城区项目办", key.Str("name"));
        Assert.Equal("district", key.Str("role"));
        Assert.Equal(district, key.Str("district"));
    }

    [Fact]
    public async Task A_key_names_its_holder_in_its_answer_and_in_the_list()
    {
        var name = $"发改委-{Scenario.Next()}";

        var key = await (await given.Admin.PostJson("/api/v1/api-keys", new { name, role = "admin", holder = "  王五（市发改委） " })).Expect(HttpStatusCode.Created);
        var tooLong = await given.Admin.PostJson("/api/v1/api-keys", new { name, role = "reader", holder = new string('王', 101) });

        Assert.Equal("王五（市发改委）", key.Str("holder"));
        var listed = (await (await given.Admin.GetAsync("/api/v1/api-keys")).Expect(HttpStatusCode.OK)).EnumerateArray().Single(k => k.Str("id") == key.Str("id"));
        Assert.Equal("王五（市发改委）", listed.Str("holder"));
        await tooLong.ExpectProblem(HttpStatusCode.BadRequest, "holder");
    }

    [Fact]
    public async Task Two_keys_never_share_a_secret()
    {
        var first = await given.IssueKey("reader");
        var second = await given.IssueKey("reader");

        Assert.NotEqual(first.Secret, second.Secret);
        Assert.NotEqual(first.Id, second.Id);
    }

    [Fact]
    public async Task The_issued_secret_works_for_reads()
    {
        var project = await given.NewProject();
        var reader = app.Client((await given.IssueKey("reader")).Secret);

        var fetched = await (await reader.GetAsync($"/api/v1/projects/{project.Str("id")}")).Expect(HttpStatusCode.OK);

        Assert.Equal(project.Str("code"), fetched.Str("code"));
    }

    [Fact]
    public async Task Listing_keys_never_shows_secrets_or_hashes()
    {
        var issued = await given.IssueKey("reader");

        var response = await given.Admin.GetAsync("/api/v1/api-keys");

        var keys = await response.Expect(HttpStatusCode.OK);
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(issued.Secret, text, StringComparison.Ordinal);
        Assert.DoesNotContain(TrackerApp.AdminKey, text, StringComparison.Ordinal);
        Assert.DoesNotContain(Sha256Hex(issued.Secret), text, StringComparison.OrdinalIgnoreCase);
        var listed = Assert.Single(keys.EnumerateArray(), k => k.Str("id") == issued.Id);
        Assert.Equal(issued.Name, listed.Str("name"));
        Assert.Equal("reader", listed.Str("role"));
        Assert.False(listed.TryGetProperty("key", out _));
        Assert.False(listed.TryGetProperty("secretHash", out _));
        Assert.All(keys.EnumerateArray(), k => Assert.False(k.TryGetProperty("secretHash", out _) || k.TryGetProperty("key", out _)));
    }

    [Fact]
    public async Task A_district_key_without_a_district_is_refused()
    {
        var response = await given.Admin.PostJson("/api/v1/api-keys", new { name = "no district", role = "district" });

        await response.ExpectProblem(HttpStatusCode.BadRequest, "district");
    }

    [Fact]
    public async Task A_district_key_for_an_unknown_district_is_refused()
    {
        var response = await given.Admin.PostJson("/api/v1/api-keys", new { name = "nowhere", role = "district", district = "000000" });

        await response.ExpectProblem(HttpStatusCode.BadRequest, "district");
    }

    [Theory]
    [InlineData("admin")]
    [InlineData("reader")]
    public async Task An_admin_or_reader_key_bound_to_a_district_is_refused(string role)
    {
        var district = await given.NewDistrict();

        var response = await given.Admin.PostJson("/api/v1/api-keys", new { name = $"{role} with district", role, district });

        await response.ExpectProblem(HttpStatusCode.BadRequest, "district");
    }

    [Fact]
    public async Task An_unknown_role_is_refused_naming_the_role()
    {
        var response = await given.Admin.PostJson("/api/v1/api-keys", new { name = "superuser", role = "superuser" });

        await response.ExpectProblem(HttpStatusCode.BadRequest, "role");
    }

    [Fact]
    public async Task A_key_without_a_name_is_refused()
    {
        var response = await given.Admin.PostJson("/api/v1/api-keys", new { role = "reader" });

        await response.ExpectProblem(HttpStatusCode.BadRequest, "name");
    }

    [Fact]
    public async Task Without_a_key_the_api_answers_401_problem()
    {
        var response = await app.Client(apiKey: null).GetAsync("/api/v1/projects");

        var problem = await response.ExpectProblem(HttpStatusCode.Unauthorized);
        Assert.Contains("X-Api-Key", problem.Str("detail"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_key_answers_401()
    {
        var response = await app.Client("pt_this_key_was_never_issued").GetAsync("/api/v1/projects");

        await response.ExpectProblem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_reader_key_cannot_register_a_project()
    {
        var district = await given.NewDistrict();
        var reader = app.Client((await given.IssueKey("reader")).Secret);

        var response = await reader.PostJson("/api/v1/projects", Scenario.ProjectBody(district));

        await response.ExpectProblem(HttpStatusCode.Forbidden);
        var list = await (await given.Admin.GetAsync($"/api/v1/projects?district={district}")).Expect(HttpStatusCode.OK);
        Assert.Equal(0, list.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task A_reader_key_cannot_issue_keys()
    {
        var reader = app.Client((await given.IssueKey("reader")).Secret);

        var response = await reader.PostJson("/api/v1/api-keys", new { name = "escalated", role = "admin" });

        await response.ExpectProblem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_district_key_cannot_issue_keys()
    {
        var district = await given.NewDistrict();
        var owner = app.Client((await given.IssueKey("district", district)).Secret);

        var response = await owner.PostJson("/api/v1/api-keys", new { name = "escalated", role = "admin" });

        await response.ExpectProblem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Revoking_a_key_refuses_it_from_the_next_request()
    {
        var issued = await given.IssueKey("reader");
        var reader = app.Client(issued.Secret);
        await (await reader.GetAsync("/api/v1/projects")).Expect(HttpStatusCode.OK);

        var revoke = await given.Admin.DeleteAsync($"/api/v1/api-keys/{issued.Id}");

        await revoke.Expect(HttpStatusCode.NoContent);
        await (await reader.GetAsync("/api/v1/projects")).ExpectProblem(HttpStatusCode.Unauthorized);
        var keys = await (await given.Admin.GetAsync("/api/v1/api-keys")).Expect(HttpStatusCode.OK);
        var listed = Assert.Single(keys.EnumerateArray(), k => k.Str("id") == issued.Id);
        Assert.Equal(JsonValueKind.String, listed.GetProperty("revokedAt").ValueKind);
    }

    [Fact]
    public async Task Revoking_an_unknown_key_is_not_found()
    {
        var response = await given.Admin.DeleteAsync($"/api/v1/api-keys/{Guid.NewGuid()}");

        await response.ExpectProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Revoking_twice_answers_204_both_times()
    {
        var issued = await given.IssueKey("reader");

        var first = await given.Admin.DeleteAsync($"/api/v1/api-keys/{issued.Id}");
        var second = await given.Admin.DeleteAsync($"/api/v1/api-keys/{issued.Id}");

        await first.Expect(HttpStatusCode.NoContent);
        await second.Expect(HttpStatusCode.NoContent);
        await (await app.Client(issued.Secret).GetAsync("/api/v1/projects")).ExpectProblem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_district_key_registers_in_its_own_district()
    {
        var district = await given.NewDistrict();
        var owner = app.Client((await given.IssueKey("district", district)).Secret);

        var response = await owner.PostJson("/api/v1/projects", Scenario.ProjectBody(district));

        var project = await response.Expect(HttpStatusCode.Created);
        Assert.Equal(district, project.Str("district"));
    }

    [Fact]
    public async Task A_district_key_cannot_register_in_another_district_and_nothing_is_written()
    {
        var own = await given.NewDistrict();
        var other = await given.NewDistrict();
        var owner = app.Client((await given.IssueKey("district", own)).Secret);
        var body = Scenario.ProjectBody(other);

        var response = await owner.PostJson("/api/v1/projects", body);

        await response.ExpectProblem(HttpStatusCode.Forbidden);
        var list = await (await given.Admin.GetAsync($"/api/v1/projects?code={body["code"]}")).Expect(HttpStatusCode.OK);
        Assert.Equal(0, list.GetProperty("total").GetInt64());
        await (await given.Admin.GetAsync($"/api/v1/projects/by-code/{body["code"]}")).ExpectProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_district_key_cannot_amend_another_districts_project()
    {
        var (project, owner) = await AnotherDistrictsProjectAndOwnKey();

        var response = await owner.PatchJson($"/api/v1/projects/{project.Str("id")}", new { name = "越权修改" });

        await response.ExpectProblem(HttpStatusCode.Forbidden);
        var after = await given.Admin.GetProject(project.Str("id"));
        Assert.Equal(project.Version(), after.Version());
        Assert.Equal(project.Str("name"), after.Str("name"));
    }

    [Fact]
    public async Task A_district_key_cannot_plan_a_milestone_on_another_districts_project()
    {
        var (project, owner) = await AnotherDistrictsProjectAndOwnKey();

        var response = await owner.PostJson($"/api/v1/projects/{project.Str("id")}/milestones", ProjectTestKit.MilestoneBody());

        await response.ExpectProblem(HttpStatusCode.Forbidden);
        var after = await given.Admin.GetProject(project.Str("id"));
        Assert.Equal(project.Version(), after.Version());
        Assert.Equal(0, after.GetProperty("milestones").GetArrayLength());
    }

    [Fact]
    public async Task A_district_key_cannot_report_progress_on_another_districts_project()
    {
        var (project, owner) = await AnotherDistrictsProjectAndOwnKey();

        var response = await owner.PostJson($"/api/v1/projects/{project.Str("id")}/progress-reports", ProjectTestKit.ProgressBody());

        await response.ExpectProblem(HttpStatusCode.Forbidden);
        var after = await given.Admin.GetProject(project.Str("id"));
        Assert.Equal(project.Version(), after.Version());
        Assert.Equal(JsonValueKind.Null, after.GetProperty("latestProgress").ValueKind);
    }

    [Fact]
    public async Task A_district_key_writes_milestones_and_progress_on_its_own_districts_project()
    {
        var district = await given.NewDistrict();
        var owner = app.Client((await given.IssueKey("district", district)).Secret);
        var project = await given.NewProject(district, owner);

        var milestone = await owner.PostJson($"/api/v1/projects/{project.Str("id")}/milestones", ProjectTestKit.MilestoneBody());
        var progress = await owner.PostJson($"/api/v1/projects/{project.Str("id")}/progress-reports", ProjectTestKit.ProgressBody());

        await milestone.Expect(HttpStatusCode.Created);
        await progress.Expect(HttpStatusCode.Created);
        Assert.Equal(3, (await given.Admin.GetProject(project.Str("id"))).Version());
    }

    private async Task<(JsonElement Project, HttpClient Owner)> AnotherDistrictsProjectAndOwnKey()
    {
        var own = await given.NewDistrict();
        var project = await given.NewProject(await given.NewDistrict());
        return (project, app.Client((await given.IssueKey("district", own)).Secret));
    }

    private static string Sha256Hex(string secret) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
