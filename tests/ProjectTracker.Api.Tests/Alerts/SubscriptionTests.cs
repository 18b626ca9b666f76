using System.Net;
using ProjectTracker.Api.Tests.Support;

namespace ProjectTracker.Api.Tests.Alerts;

[Collection(ApiCollection.Name)]
public sealed class SubscriptionTests(TrackerApp app)
{
    private readonly Scenario given = new(app);

    [Fact]
    public async Task Subscribing_a_district_answers_201_and_the_subscription_is_listed_and_found()
    {
        var district = await given.NewDistrict();

        var response = await given.Admin.PostJson("/api/v1/subscriptions", new { email = "office@example.gov.cn", district, kinds = new[] { "deadline", "weekly-report" } });

        var created = await response.Expect(HttpStatusCode.Created);
        Assert.Equal($"/api/v1/subscriptions/{created.Str("id")}", response.Headers.Location?.OriginalString);
        Assert.Equal(["deadline", "weekly-report"], created.GetProperty("kinds").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal(district, created.Str("district"));
        Assert.Equal("bootstrap-admin", created.Str("createdBy"));
        var list = await (await given.Admin.GetAsync($"/api/v1/subscriptions?district={district}")).Expect(HttpStatusCode.OK);
        Assert.Equal(created.Str("id"), Assert.Single(list.GetProperty("items").EnumerateArray()).Str("id"));
        await (await given.Admin.GetAsync($"/api/v1/subscriptions/{created.Str("id")}")).Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Unsubscribing_deletes_it_and_a_second_time_is_not_found()
    {
        var project = await given.NewProject();
        var created = await (await given.Admin.PostJson("/api/v1/subscriptions", new { email = "pm@example.gov.cn", projectId = project.Str("id"), kinds = new[] { "slip" } }))
            .Expect(HttpStatusCode.Created);

        await (await given.Admin.DeleteAsync($"/api/v1/subscriptions/{created.Str("id")}")).Expect(HttpStatusCode.NoContent);

        await (await given.Admin.GetAsync($"/api/v1/subscriptions/{created.Str("id")}")).ExpectProblem(HttpStatusCode.NotFound);
        await (await given.Admin.DeleteAsync($"/api/v1/subscriptions/{created.Str("id")}")).ExpectProblem(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("""{ "kinds": ["deadline"] }""", "email")]
    [InlineData("""{ "email": "not-an-address", "kinds": ["deadline"] }""", "email")]
    [InlineData("""{ "email": "a@example.gov.cn", "kinds": [] }""", "kinds")]
    [InlineData("""{ "email": "a@example.gov.cn" }""", "kinds")]
    [InlineData("""{ "email": "a@example.gov.cn", "kinds": ["deadline", "deadline"] }""", "kinds")]
    [InlineData("""{ "email": "a@example.gov.cn", "kinds": ["sms"] }""", "kinds[0]")]
    [InlineData("""{ "email": "a@example.gov.cn", "district": "999998", "kinds": ["slip"] }""", "district")]
    public async Task A_bad_subscription_is_a_400_naming_the_field(string body, string field)
    {
        var response = await given.Admin.PostRaw("/api/v1/subscriptions", body);

        await response.ExpectProblem(HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task A_district_and_a_project_at_once_is_a_400_on_projectId()
    {
        var project = await given.NewProject();

        var response = await given.Admin.PostJson("/api/v1/subscriptions",
            new { email = "a@example.gov.cn", district = project.Str("district"), projectId = project.Str("id"), kinds = new[] { "slip" } });

        await response.ExpectProblem(HttpStatusCode.BadRequest, "projectId");
    }

    [Fact]
    public async Task An_unknown_project_is_not_found()
    {
        var response = await given.Admin.PostJson("/api/v1/subscriptions", new { email = "a@example.gov.cn", projectId = Guid.NewGuid(), kinds = new[] { "slip" } });

        await response.ExpectProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_district_key_subscribes_for_its_own_district_only_and_sees_only_those()
    {
        var own = await given.NewDistrict();
        var other = await given.NewDistrict();
        var owner = app.Client(await given.NewKey("district", own));
        var othersProject = await given.NewProject(other);

        await (await owner.PostJson("/api/v1/subscriptions", new { email = "d@example.gov.cn", district = own, kinds = new[] { "overdue" } })).Expect(HttpStatusCode.Created);
        await (await owner.PostJson("/api/v1/subscriptions", new { email = "d@example.gov.cn", district = other, kinds = new[] { "overdue" } })).ExpectProblem(HttpStatusCode.Forbidden);
        await (await owner.PostJson("/api/v1/subscriptions", new { email = "d@example.gov.cn", projectId = othersProject.Str("id"), kinds = new[] { "overdue" } })).ExpectProblem(HttpStatusCode.Forbidden);
        await (await owner.PostJson("/api/v1/subscriptions", new { email = "d@example.gov.cn", kinds = new[] { "weekly-report" } })).ExpectProblem(HttpStatusCode.Forbidden);
        var adminsOnOther = await (await given.Admin.PostJson("/api/v1/subscriptions", new { email = "x@example.gov.cn", district = other, kinds = new[] { "slip" } })).Expect(HttpStatusCode.Created);

        var seen = await (await owner.GetAsync("/api/v1/subscriptions")).Expect(HttpStatusCode.OK);

        Assert.All(seen.GetProperty("items").EnumerateArray(), s => Assert.Equal(own, s.Str("district")));
        await (await owner.GetAsync($"/api/v1/subscriptions/{adminsOnOther.Str("id")}")).ExpectProblem(HttpStatusCode.NotFound);
        await (await owner.DeleteAsync($"/api/v1/subscriptions/{adminsOnOther.Str("id")}")).ExpectProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_reader_key_cannot_see_or_make_subscriptions()
    {
        var reader = app.Client(await given.NewKey("reader"));

        await (await reader.GetAsync("/api/v1/subscriptions")).ExpectProblem(HttpStatusCode.Forbidden);
        await (await reader.PostJson("/api/v1/subscriptions", new { email = "r@example.gov.cn", kinds = new[] { "slip" } })).ExpectProblem(HttpStatusCode.Forbidden);
    }
}
