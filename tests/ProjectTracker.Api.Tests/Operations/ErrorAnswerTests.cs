using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ProjectTracker.Api.Tests.Support;

namespace ProjectTracker.Api.Tests.Operations;

/// <summary>What any browser or client may send gets a problem naming what was wrong, never an empty 500.</summary>
[Collection(ApiCollection.Name)]
public sealed class ErrorAnswerTests(TrackerApp app)
{
    private readonly Scenario given = new(app);

    [Theory]
    [InlineData(null, "/api/v1/projects", "text/html", HttpStatusCode.Unauthorized)]
    [InlineData("pt_wrong", "/api/v1/reports/weekly/2026-W20", "text/csv", HttpStatusCode.Unauthorized)]
    [InlineData(TrackerApp.AdminKey, "/api/v1/no-such-thing", "text/html,application/xhtml+xml", HttpStatusCode.NotFound)]
    [InlineData(TrackerApp.AdminKey, "/api/v1/projects/00000000-0000-0000-0000-000000000001", "application/xml", HttpStatusCode.NotFound)]
    [InlineData(TrackerApp.AdminKey, "/api/v1/reports/weekly/not-a-week", "image/png", HttpStatusCode.BadRequest)]
    public async Task An_error_is_problem_json_whatever_the_accept_header_asks_for(string? key, string path, string accept, HttpStatusCode status)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Accept", accept);

        var problem = await (await app.Client(key).SendAsync(request)).ExpectProblem(status);

        Assert.Equal(path, problem.Str("instance"));
    }

    [Fact]
    public async Task A_method_the_route_does_not_have_is_a_405_problem()
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, "/api/v1/projects");
        request.Headers.TryAddWithoutValidation("Accept", "text/html");

        await (await given.Admin.SendAsync(request)).ExpectProblem(HttpStatusCode.MethodNotAllowed);
    }

    [Theory]
    [InlineData("nope")]
    [InlineData("utf8")]
    [InlineData("utf-16")]
    [InlineData("iso-8859-1")]
    public async Task A_json_body_in_a_charset_other_than_utf8_is_a_415_naming_it(string charset)
    {
        var content = new StringContent("{}", Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse($"application/json; charset={charset}");

        var problem = await (await given.Admin.PostAsync("/api/v1/projects", content)).ExpectProblem(HttpStatusCode.UnsupportedMediaType);

        Assert.Contains(charset, problem.Str("detail"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("utf-8")]
    [InlineData("UTF-8")]
    [InlineData("\"utf-8\"")]
    public async Task A_json_body_marked_utf8_is_read(string charset)
    {
        var district = await given.NewDistrict();
        var body = System.Text.Json.JsonSerializer.Serialize(Scenario.ProjectBody(district));
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse($"application/json; charset={charset}");

        await (await given.Admin.PostAsync("/api/v1/projects", content)).Expect(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_field_the_request_does_not_have_is_a_400_naming_it_and_nothing_is_written()
    {
        var district = await given.NewDistrict();
        var body = Scenario.ProjectBody(district);
        body["totalInvestmnet"] = 5;

        var problem = await (await given.Admin.PostJson("/api/v1/projects", body)).ExpectProblem(HttpStatusCode.BadRequest, "totalInvestmnet");

        Assert.Contains("not a field", problem.GetProperty("errors").GetProperty("totalInvestmnet")[0].GetString(), StringComparison.Ordinal);
        var found = await (await given.Admin.GetAsync($"/api/v1/projects?code={body["code"]}")).Expect(HttpStatusCode.OK);
        Assert.Equal(0, found.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task A_misspelt_field_in_a_patch_is_a_400_not_a_silent_no_op()
    {
        var project = await given.NewProject();

        await (await given.Admin.PatchJson($"/api/v1/projects/{project.Str("id")}", new { descripton = "新的说明" })).ExpectProblem(HttpStatusCode.BadRequest, "descripton");

        Assert.Single(await given.Admin.History(project.Str("id")));
    }

    [Fact]
    public async Task An_unknown_field_inside_a_list_is_named_by_its_path()
    {
        var project = await given.NewProject();
        var milestone = await given.NewMilestone(project.Str("id"), TrackerApp.Today.AddDays(90));
        var body = new { reason = "征地延后", changes = new object[] { new { milestoneId = milestone.Str("id"), newBaselineDate = "2026-12-01", note = "x" } } };

        await (await given.Admin.PostJson($"/api/v1/projects/{project.Str("id")}/rebaseline-requests", body)).ExpectProblem(HttpStatusCode.BadRequest, "changes[0].note");
    }

    [Fact]
    public async Task Broken_json_is_a_400_on_the_body_even_after_an_unknown_field()
    {
        await (await given.Admin.PostRaw("/api/v1/projects", """{"nosuchfield":1,""")).ExpectProblem(HttpStatusCode.BadRequest, "body");
    }

    [Theory]
    [InlineData(" {0}")]
    [InlineData("{0} ")]
    [InlineData("%20{0}%20")]
    public async Task A_key_with_blanks_around_it_in_the_address_is_not_the_key(string form)
    {
        var address = "/hangfire?api_key=" + string.Format(System.Globalization.CultureInfo.InvariantCulture, form, TrackerApp.AdminKey).Replace(" ", "%20", StringComparison.Ordinal);

        await (await app.Client(null).GetAsync(address)).ExpectProblem(HttpStatusCode.Unauthorized);
    }
}
