using System.Net;
using ProjectTracker.Api.Tests.Support;

namespace ProjectTracker.Api.Tests.Districts;

[Collection(ApiCollection.Name)]
public sealed class DistrictTests(TrackerApp app)
{
    private readonly Scenario given = new(app);

    private static string NewDistrictCode() => $"8{Scenario.Next():D5}";

    [Fact]
    public async Task Putting_a_new_district_answers_201_with_location_and_the_district()
    {
        var code = NewDistrictCode();

        var response = await given.Admin.PutJson($"/api/v1/districts/{code}", new { name = "老城区" });

        var district = await response.Expect(HttpStatusCode.Created);
        Assert.Equal($"/api/v1/districts/{code}", response.Headers.Location?.OriginalString);
        Assert.Equal(code, district.Str("code"));
        Assert.Equal("老城区", district.Str("name"));
    }

    [Fact]
    public async Task A_district_leader_address_is_kept_shown_to_writers_hidden_from_readers_and_checked()
    {
        var code = NewDistrictCode();

        await (await given.Admin.PutJson($"/api/v1/districts/{code}", new { name = "老城区", leaderEmail = "leader@example.gov.cn" })).Expect(HttpStatusCode.Created);

        var asAdmin = await (await given.Admin.GetAsync($"/api/v1/districts/{code}")).Expect(HttpStatusCode.OK);
        Assert.Equal("leader@example.gov.cn", asAdmin.Str("leaderEmail"));
        var reader = app.Client(await given.NewKey("reader"));
        var asReader = await (await reader.GetAsync($"/api/v1/districts/{code}")).Expect(HttpStatusCode.OK);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, asReader.GetProperty("leaderEmail").ValueKind);
        var listed = await (await reader.GetAsync("/api/v1/districts")).Expect(HttpStatusCode.OK);
        Assert.All(listed.EnumerateArray(), d => Assert.Equal(System.Text.Json.JsonValueKind.Null, d.GetProperty("leaderEmail").ValueKind));
        await (await given.Admin.PutJson($"/api/v1/districts/{code}", new { name = "老城区", leaderEmail = "not-an-address" }))
            .ExpectProblem(HttpStatusCode.BadRequest, "leaderEmail");
    }

    [Fact]
    public async Task Putting_a_known_district_again_answers_200_and_renames_it()
    {
        var code = NewDistrictCode();
        await (await given.Admin.PutJson($"/api/v1/districts/{code}", new { name = "老城区" })).Expect(HttpStatusCode.Created);

        var response = await given.Admin.PutJson($"/api/v1/districts/{code}", new { name = "老城区（新）" });

        var district = await response.Expect(HttpStatusCode.OK);
        Assert.Equal("老城区（新）", district.Str("name"));
        var fetched = await (await given.Admin.GetAsync($"/api/v1/districts/{code}")).Expect(HttpStatusCode.OK);
        Assert.Equal("老城区（新）", fetched.Str("name"));
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("1234567")]
    [InlineData("41030a")]
    [InlineData("４１０３０２")]
    public async Task A_district_code_that_is_not_six_digits_is_refused(string code)
    {
        var response = await given.Admin.PutJson($"/api/v1/districts/{Uri.EscapeDataString(code)}", new { name = "某区" });

        await response.ExpectProblem(HttpStatusCode.BadRequest, "code");
        await (await given.Admin.GetAsync($"/api/v1/districts/{Uri.EscapeDataString(code)}")).ExpectProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_district_without_a_name_is_refused()
    {
        var code = NewDistrictCode();

        var response = await given.Admin.PutJson($"/api/v1/districts/{code}", new { });

        await response.ExpectProblem(HttpStatusCode.BadRequest, "name");
        await (await given.Admin.GetAsync($"/api/v1/districts/{code}")).ExpectProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_list_contains_a_put_district()
    {
        var code = await given.NewDistrict("瀍河区");

        var list = await (await given.Admin.GetAsync("/api/v1/districts")).Expect(HttpStatusCode.OK);

        var listed = Assert.Single(list.EnumerateArray(), d => d.Str("code") == code);
        Assert.Equal("瀍河区", listed.Str("name"));
    }

    [Fact]
    public async Task A_district_is_found_by_its_code()
    {
        var code = await given.NewDistrict("涧西区");

        var district = await (await given.Admin.GetAsync($"/api/v1/districts/{code}")).Expect(HttpStatusCode.OK);

        Assert.Equal(code, district.Str("code"));
        Assert.Equal("涧西区", district.Str("name"));
    }

    [Fact]
    public async Task A_reader_can_read_districts()
    {
        var code = await given.NewDistrict("西工区");
        var reader = app.Client(await given.NewKey("reader"));

        var district = await (await reader.GetAsync($"/api/v1/districts/{code}")).Expect(HttpStatusCode.OK);

        Assert.Equal("西工区", district.Str("name"));
    }

    [Fact]
    public async Task An_unknown_district_is_not_found()
    {
        var response = await given.Admin.GetAsync($"/api/v1/districts/{NewDistrictCode()}");

        await response.ExpectProblem(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("reader")]
    [InlineData("district")]
    public async Task Only_an_admin_may_put_a_district(string role)
    {
        var own = await given.NewDistrict("老城区");
        var client = app.Client(await given.NewKey(role, role == "district" ? own : null));
        var code = NewDistrictCode();

        var create = await client.PutJson($"/api/v1/districts/{code}", new { name = "越权新建" });
        var rename = await client.PutJson($"/api/v1/districts/{own}", new { name = "越权改名" });

        await create.ExpectProblem(HttpStatusCode.Forbidden);
        await rename.ExpectProblem(HttpStatusCode.Forbidden);
        await (await given.Admin.GetAsync($"/api/v1/districts/{code}")).ExpectProblem(HttpStatusCode.NotFound);
        Assert.Equal("老城区", (await (await given.Admin.GetAsync($"/api/v1/districts/{own}")).Expect(HttpStatusCode.OK)).Str("name"));
    }

    [Fact]
    public async Task A_project_in_an_unknown_district_is_refused()
    {
        var body = Scenario.ProjectBody(NewDistrictCode());

        var response = await given.Admin.PostJson("/api/v1/projects", body);

        await response.ExpectProblem(HttpStatusCode.BadRequest, "district");
        await (await given.Admin.GetAsync($"/api/v1/projects/by-code/{body["code"]}")).ExpectProblem(HttpStatusCode.NotFound);
    }
}
