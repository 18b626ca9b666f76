using System.Net;
using System.Text.Json;
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

    [Theory]
    [InlineData("code")]
    [InlineData("name")]
    [InlineData("category")]
    [InlineData("district")]
    [InlineData("responsibleUnit")]
    public async Task A_missing_required_field_is_refused_naming_the_field(string field)
    {
        var district = await given.NewDistrict();
        var body = Scenario.ProjectBody(district);
        body.Remove(field);

        var response = await given.Admin.PostJson("/api/v1/projects", body);

        await response.ExpectProblem(HttpStatusCode.BadRequest, field);
        await AssertNothingRegisteredIn(district);
    }

    [Theory]
    [InlineData("code")]
    [InlineData("name")]
    [InlineData("responsibleUnit")]
    public async Task A_blank_required_text_is_refused_naming_the_field(string field)
    {
        var district = await given.NewDistrict();
        var body = Scenario.ProjectBody(district);
        body[field] = "   ";

        var response = await given.Admin.PostJson("/api/v1/projects", body);

        await response.ExpectProblem(HttpStatusCode.BadRequest, field);
        await AssertNothingRegisteredIn(district);
    }

    [Theory]
    [InlineData("")]
    [InlineData("2024-410300-48-01-00012")]
    [InlineData("2024-410300-48-01-0001234")]
    [InlineData("24-410300-48-01-000123")]
    [InlineData("2024410300480100 0123")]
    [InlineData("2024_410300_48_01_000123")]
    [InlineData("2024-41030A-48-01-000123")]
    [InlineData("1989-410300-48-01-000123")]
    [InlineData("2024-410300-48-01-000123\n")]
    [InlineData("２０２４-410300-48-01-000123")]
    public async Task A_code_of_the_wrong_shape_is_refused(string code)
    {
        var district = await given.NewDistrict();

        var response = await given.Admin.PostJson("/api/v1/projects", Scenario.ProjectBody(district, code));

        await response.ExpectProblem(HttpStatusCode.BadRequest, "code");
        await AssertNothingRegisteredIn(district);
    }

    [Fact]
    public async Task A_negative_total_investment_is_refused()
    {
        var district = await given.NewDistrict();
        var body = Scenario.ProjectBody(district);
        body["totalInvestment"] = -0.01m;

        var response = await given.Admin.PostJson("/api/v1/projects", body);

        await response.ExpectProblem(HttpStatusCode.BadRequest, "totalInvestment");
        await AssertNothingRegisteredIn(district);
    }

    [Theory]
    [InlineData(1989)]
    [InlineData(2101)]
    public async Task A_target_year_out_of_range_is_refused(int year)
    {
        var district = await given.NewDistrict();
        var body = Scenario.ProjectBody(district);
        body["targetYear"] = year;

        var response = await given.Admin.PostJson("/api/v1/projects", body);

        await response.ExpectProblem(HttpStatusCode.BadRequest, "targetYear");
        await AssertNothingRegisteredIn(district);
    }

    [Fact]
    public async Task A_name_longer_than_200_characters_is_refused()
    {
        var district = await given.NewDistrict();
        var body = Scenario.ProjectBody(district);
        body["name"] = new string('路', 201);

        var response = await given.Admin.PostJson("/api/v1/projects", body);

        await response.ExpectProblem(HttpStatusCode.BadRequest, "name");
        await AssertNothingRegisteredIn(district);
    }

    [Theory]
    [InlineData("category", "spaceport")]
    [InlineData("category", "1")]
    [InlineData("category", "")]
    [InlineData("planPeriod", "17th")]
    [InlineData("planPeriod", "fourteenth")]
    public async Task An_unknown_enumeration_value_is_refused_naming_the_field(string field, string value)
    {
        var district = await given.NewDistrict();
        var body = Scenario.ProjectBody(district);
        body[field] = value;

        var response = await given.Admin.PostJson("/api/v1/projects", body);

        await response.ExpectProblem(HttpStatusCode.BadRequest, field);
        await AssertNothingRegisteredIn(district);
    }

    [Fact]
    public async Task An_enumeration_value_sent_as_a_number_is_refused()
    {
        var district = await given.NewDistrict();
        var body = Scenario.ProjectBody(district);
        body["category"] = 1;

        var response = await given.Admin.PostJson("/api/v1/projects", body);

        await response.ExpectProblem(HttpStatusCode.BadRequest, "category");
        await AssertNothingRegisteredIn(district);
    }

    [Theory]
    [InlineData("totalInvestment", "a lot")]
    [InlineData("targetYear", "soon")]
    [InlineData("isPublic", "yes")]
    [InlineData("name", 42)]
    [InlineData("totalInvestment", true)]
    public async Task A_value_of_the_wrong_type_is_refused_naming_the_field(string field, object value)
    {
        var district = await given.NewDistrict();
        var body = Scenario.ProjectBody(district);
        body[field] = value;

        var response = await given.Admin.PostJson("/api/v1/projects", body);

        await response.ExpectProblem(HttpStatusCode.BadRequest, field);
        await AssertNothingRegisteredIn(district);
    }

    [Theory]
    [InlineData("{ \"code\": ")]
    [InlineData("{ code: 1 }")]
    [InlineData("not json at all")]
    [InlineData("[]")]
    [InlineData("\"a project\"")]
    [InlineData("42")]
    [InlineData("null")]
    public async Task A_body_that_is_not_a_json_object_is_a_400_problem(string body)
    {
        var response = await given.Admin.PostRaw("/api/v1/projects", body);

        await response.ExpectProblem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task An_empty_body_is_a_400_problem()
    {
        var response = await given.Admin.PostRaw("/api/v1/projects", "");

        await response.ExpectProblem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_malformed_contact_email_is_refused()
    {
        var district = await given.NewDistrict();
        var body = Scenario.ProjectBody(district);
        body["contactEmail"] = "pm.example.gov.cn";

        var response = await given.Admin.PostJson("/api/v1/projects", body);

        await response.ExpectProblem(HttpStatusCode.BadRequest, "contactEmail");
        await AssertNothingRegisteredIn(district);
    }

    [Fact]
    public async Task Optional_fields_may_be_left_out()
    {
        var district = await given.NewDistrict();
        var body = new Dictionary<string, object?>
        {
            ["code"] = Scenario.NewCode(),
            ["name"] = "口袋公园",
            ["category"] = "pocket-park",
            ["district"] = district,
            ["responsibleUnit"] = "市园林局",
        };

        var project = await (await given.Admin.PostJson("/api/v1/projects", body)).Expect(HttpStatusCode.Created);

        Assert.Equal("pocket-park", project.Str("category"));
        Assert.Equal(JsonValueKind.Null, project.GetProperty("totalInvestment").ValueKind);
        Assert.Equal(JsonValueKind.Null, project.GetProperty("planPeriod").ValueKind);
        Assert.False(project.GetProperty("isPublic").GetBoolean());
        Assert.Equal("active", project.Str("status"));
    }

    [Fact]
    public async Task Racing_registrations_of_one_code_let_exactly_one_win()
    {
        var district = await given.NewDistrict();
        var code = Scenario.NewCode();

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ =>
            app.Client().PostJson("/api/v1/projects", Scenario.ProjectBody(district, code))));

        var statuses = responses.Select(r => r.StatusCode).ToArray();
        Assert.Single(statuses, s => s == HttpStatusCode.Created);
        Assert.Equal(9, statuses.Count(s => s == HttpStatusCode.Conflict));
        foreach (var conflict in responses.Where(r => r.StatusCode == HttpStatusCode.Conflict))
        {
            await conflict.ExpectProblem(HttpStatusCode.Conflict);
        }

        var list = await (await given.Admin.GetAsync($"/api/v1/projects?district={district}")).Expect(HttpStatusCode.OK);
        Assert.Equal(1, list.GetProperty("total").GetInt64());
    }

    private async Task AssertNothingRegisteredIn(string district)
    {
        var list = await (await given.Admin.GetAsync($"/api/v1/projects?district={district}")).Expect(HttpStatusCode.OK);
        Assert.Equal(0, list.GetProperty("total").GetInt64());
    }
}
