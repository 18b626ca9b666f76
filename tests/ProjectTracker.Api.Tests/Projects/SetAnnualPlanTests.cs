using System.Net;
using ProjectTracker.Api.Tests.Support;

namespace ProjectTracker.Api.Tests.Projects;

[Collection(ApiCollection.Name)]
public sealed class SetAnnualPlanTests(TrackerApp app)
{
    private readonly Scenario given = new(app);

    [Fact]
    public async Task Setting_a_plan_answers_it_records_an_event_and_shows_on_the_project()
    {
        var project = await given.NewProject();
        var id = project.Str("id");

        var response = await given.Admin.PutJson($"/api/v1/projects/{id}/annual-plans/2027", new { plannedInvestment = 32000.5m });

        var plan = await response.Expect(HttpStatusCode.OK);
        Assert.Equal(2027, plan.GetProperty("year").GetInt32());
        Assert.Equal(32000.5m, plan.GetProperty("plannedInvestment").GetDecimal());
        Assert.Equal(2, response.ETag());
        Assert.Equal("annual-plan-set", (await given.Admin.History(id))[^1].Str("type"));
        Assert.Equal(32000.5m, (await given.Admin.GetProject(id)).GetProperty("annualPlans").GetProperty("2027").GetDecimal());
    }

    [Fact]
    public async Task Setting_the_same_plan_again_records_nothing()
    {
        var project = await given.NewProject();
        var id = project.Str("id");
        await (await given.Admin.PutJson($"/api/v1/projects/{id}/annual-plans/2027", new { plannedInvestment = 100m })).Expect(HttpStatusCode.OK);

        var again = await given.Admin.PutJson($"/api/v1/projects/{id}/annual-plans/2027", new { plannedInvestment = 100m });

        await again.Expect(HttpStatusCode.OK);
        Assert.Equal(2, again.ETag());
    }

    [Fact]
    public async Task A_negative_or_missing_amount_is_a_validation_error()
    {
        var project = await given.NewProject();
        var id = project.Str("id");

        await (await given.Admin.PutJson($"/api/v1/projects/{id}/annual-plans/2027", new { plannedInvestment = -1m }))
            .ExpectProblem(HttpStatusCode.BadRequest, "plannedInvestment");
        await (await given.Admin.PutJson($"/api/v1/projects/{id}/annual-plans/2027", new { }))
            .ExpectProblem(HttpStatusCode.BadRequest, "plannedInvestment");
    }

    [Fact]
    public async Task A_year_out_of_range_is_a_validation_error_on_year()
    {
        var project = await given.NewProject();

        var response = await given.Admin.PutJson($"/api/v1/projects/{project.Str("id")}/annual-plans/1999", new { plannedInvestment = 1m });

        await response.ExpectProblem(HttpStatusCode.BadRequest, "year");
    }

    [Fact]
    public async Task An_unknown_project_is_not_found_and_a_reader_is_forbidden()
    {
        var project = await given.NewProject();
        var reader = app.Client(await given.NewKey("reader"));

        await (await given.Admin.PutJson($"/api/v1/projects/{Guid.NewGuid()}/annual-plans/2027", new { plannedInvestment = 1m }))
            .ExpectProblem(HttpStatusCode.NotFound);
        await (await reader.PutJson($"/api/v1/projects/{project.Str("id")}/annual-plans/2027", new { plannedInvestment = 1m }))
            .ExpectProblem(HttpStatusCode.Forbidden);
    }
}
