using System.Net;
using ProjectTracker.Api.Tests.Support;

namespace ProjectTracker.Api.Tests.Projects;

[Collection(ApiCollection.Name)]
public sealed class RegisterProjectTests(TrackerApp app)
{
    private readonly Scenario given = new(app);

    [Fact]
    public async Task Registering_answers_201_with_location_etag_and_the_project()
    {
        var district = await given.NewDistrict();
        var body = Scenario.ProjectBody(district);

        var response = await given.Admin.PostJson("/api/v1/projects", body);

        var project = await response.Expect(HttpStatusCode.Created);
        Assert.Equal($"/api/v1/projects/{project.Str("id")}", response.Headers.Location?.OriginalString);
        Assert.Equal(1, response.ETag());
        Assert.Equal(body["code"], project.Str("code"));
        Assert.Equal("ring-road", project.Str("category"));
        Assert.Equal("14th", project.Str("planPeriod"));
        Assert.Equal(125000.5m, project.GetProperty("totalInvestment").GetDecimal());
        Assert.Equal("green", project.Str("rag"));
        Assert.Equal(1, project.GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task A_code_already_registered_is_a_conflict_and_nothing_is_written()
    {
        var district = await given.NewDistrict();
        var code = Scenario.NewCode();
        await (await given.Admin.PostJson("/api/v1/projects", Scenario.ProjectBody(district, code))).Expect(HttpStatusCode.Created);

        var second = await given.Admin.PostJson("/api/v1/projects", Scenario.ProjectBody(district, code));

        await second.ExpectProblem(HttpStatusCode.Conflict);
        var list = await (await given.Admin.GetAsync($"/api/v1/projects?district={district}")).Expect(HttpStatusCode.OK);
        Assert.Equal(1, list.GetProperty("total").GetInt64());
    }
}
