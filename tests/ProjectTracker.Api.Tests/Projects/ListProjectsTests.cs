using System.Net;
using System.Text.Json;
using ProjectTracker.Api.Tests.Support;

namespace ProjectTracker.Api.Tests.Projects;

[Collection(ApiCollection.Name)]
public sealed class ListProjectsTests(TrackerApp app)
{
    private readonly Scenario given = new(app);

    [Fact]
    public async Task Filtering_by_district_answers_only_that_districts_projects()
    {
        var district = await given.NewDistrict();
        var first = await Register(district);
        var second = await Register(district);
        await Register(await given.NewDistrict());

        var page = await List($"district={district}");

        Assert.Equal(2, page.GetProperty("total").GetInt64());
        Assert.Equal(new[] { first, second }.Order(), Codes(page).Order());
        Assert.All(page.GetProperty("items").EnumerateArray(), p => Assert.Equal(district, p.Str("district")));
    }

    [Fact]
    public async Task Filtering_by_category_answers_only_that_category()
    {
        var district = await given.NewDistrict();
        var rail = await Register(district, b => b["category"] = "rail-transit");
        await Register(district, b => b["category"] = "ring-road");

        var page = await List($"district={district}&category=rail-transit");

        Assert.Equal([rail], Codes(page));
        Assert.Equal("rail-transit", Assert.Single(page.GetProperty("items").EnumerateArray()).Str("category"));
    }

    [Fact]
    public async Task Filtering_by_plan_period_answers_only_that_period()
    {
        var district = await given.NewDistrict();
        var fifteenth = await Register(district, b => b["planPeriod"] = "15th");
        await Register(district, b => b["planPeriod"] = "14th");

        var page = await List($"district={district}&planPeriod=15th");

        Assert.Equal([fifteenth], Codes(page));
    }

    [Fact]
    public async Task Filtering_by_target_year_answers_only_that_year()
    {
        var district = await given.NewDistrict();
        var due2030 = await Register(district, b => b["targetYear"] = 2030);
        await Register(district, b => b["targetYear"] = 2027);

        var page = await List($"district={district}&targetYear=2030");

        Assert.Equal([due2030], Codes(page));
    }

    [Fact]
    public async Task Filtering_by_code_answers_that_one_project()
    {
        var district = await given.NewDistrict();
        var wanted = await Register(district);
        await Register(district);

        var page = await List($"code={wanted}");

        Assert.Equal([wanted], Codes(page));
    }

    [Fact]
    public async Task Searching_finds_a_name_substring_whatever_its_case()
    {
        var district = await given.NewDistrict();
        var token = $"Riverside{Scenario.Next()}";
        var wanted = await Register(district, b => b["name"] = $"洛河 {token} Greenway 提升工程");
        await Register(district);

        var page = await List($"q={Uri.EscapeDataString(token.ToLowerInvariant() + " greenWAY")}");

        Assert.Equal([wanted], Codes(page));
    }

    [Fact]
    public async Task Searching_finds_a_chinese_name_substring_within_a_district()
    {
        var district = await given.NewDistrict();
        var wanted = await Register(district, b => b["name"] = "隋唐洛阳城遗址保护");
        await Register(district);

        var page = await List($"district={district}&q={Uri.EscapeDataString("洛阳城")}");

        Assert.Equal([wanted], Codes(page));
    }

    [Theory]
    [InlineData("%")]
    [InlineData("_")]
    public async Task Searching_takes_wildcard_characters_literally(string wildcard)
    {
        var district = await given.NewDistrict();
        var wanted = await Register(district, b => b["name"] = $"完成率{wildcard}提升工程");
        await Register(district);

        var page = await List($"district={district}&q={Uri.EscapeDataString(wildcard)}");

        Assert.Equal([wanted], Codes(page));
    }

    [Fact]
    public async Task Filtering_by_status_tells_closed_projects_from_active_ones()
    {
        var district = await given.NewDistrict();
        var closed = await given.NewProject(district);
        var active = await given.NewProject(district);
        await (await given.Admin.PostJson($"/api/v1/projects/{closed.Str("id")}/close", new { remark = "已竣工" })).Expect(HttpStatusCode.OK);

        var closedPage = await List($"district={district}&status=closed");
        var activePage = await List($"district={district}&status=active");

        Assert.Equal([closed.Str("code")], Codes(closedPage));
        Assert.Equal("closed", Assert.Single(closedPage.GetProperty("items").EnumerateArray()).Str("status"));
        Assert.Equal([active.Str("code")], Codes(activePage));
    }

    [Fact]
    public async Task Filters_combine_with_and()
    {
        var district = await given.NewDistrict();
        var wanted = await Register(district, b => { b["category"] = "pocket-park"; b["targetYear"] = 2028; });
        await Register(district, b => { b["category"] = "pocket-park"; b["targetYear"] = 2029; });
        await Register(district, b => { b["category"] = "heritage"; b["targetYear"] = 2028; });

        var page = await List($"district={district}&category=pocket-park&targetYear=2028");

        Assert.Equal([wanted], Codes(page));
    }

    [Fact]
    public async Task A_page_carries_items_page_page_size_and_total_ordered_by_code()
    {
        var district = await given.NewDistrict();
        var codes = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            codes.Add(await Register(district));
        }

        var first = await List($"district={district}&page=1&pageSize=2");
        var second = await List($"district={district}&page=2&pageSize=2");

        Assert.Equal(1, first.GetProperty("page").GetInt32());
        Assert.Equal(2, first.GetProperty("pageSize").GetInt32());
        Assert.Equal(3, first.GetProperty("total").GetInt64());
        Assert.Equal(2, second.GetProperty("page").GetInt32());
        Assert.Equal(3, second.GetProperty("total").GetInt64());
        Assert.Equal(codes.Order(StringComparer.Ordinal), Codes(first).Concat(Codes(second)));
    }

    [Fact]
    public async Task Without_paging_parameters_the_first_page_of_fifty_is_answered()
    {
        var district = await given.NewDistrict();
        await Register(district);

        var page = await List($"district={district}");

        Assert.Equal(1, page.GetProperty("page").GetInt32());
        Assert.Equal(50, page.GetProperty("pageSize").GetInt32());
        Assert.Equal(1, page.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task A_page_past_the_end_is_empty_but_keeps_the_total()
    {
        var district = await given.NewDistrict();
        await Register(district);

        var page = await List($"district={district}&page=3&pageSize=10");

        Assert.Equal(0, page.GetProperty("items").GetArrayLength());
        Assert.Equal(1, page.GetProperty("total").GetInt64());
    }

    [Theory]
    [InlineData("pageSize=501", "pageSize")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("page=0", "page")]
    [InlineData("page=-1", "page")]
    [InlineData("page=first", "page")]
    [InlineData("category=spaceport", "category")]
    [InlineData("planPeriod=17th", "planPeriod")]
    [InlineData("status=paused", "status")]
    [InlineData("targetYear=soon", "targetYear")]
    public async Task A_bad_query_parameter_is_refused_naming_it(string query, string field)
    {
        var response = await given.Admin.GetAsync($"/api/v1/projects?{query}");

        await response.ExpectProblem(HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task A_page_size_of_500_is_allowed()
    {
        var district = await given.NewDistrict();
        await Register(district);

        var page = await List($"district={district}&pageSize=500");

        Assert.Equal(500, page.GetProperty("pageSize").GetInt32());
        Assert.Equal(1, page.GetProperty("total").GetInt64());
    }

    private async Task<string> Register(string district, Action<Dictionary<string, object?>>? change = null)
    {
        var body = Scenario.ProjectBody(district);
        change?.Invoke(body);
        var project = await (await given.Admin.PostJson("/api/v1/projects", body)).Expect(HttpStatusCode.Created);
        return project.Str("code");
    }

    private async Task<JsonElement> List(string query) =>
        await (await given.Admin.GetAsync($"/api/v1/projects?{query}")).Expect(HttpStatusCode.OK);

    private static string[] Codes(JsonElement page) => [.. page.GetProperty("items").EnumerateArray().Select(p => p.Str("code"))];
}
