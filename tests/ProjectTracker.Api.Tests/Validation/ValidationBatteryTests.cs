using System.Net;
using ProjectTracker.Api.Tests.Support;

namespace ProjectTracker.Api.Tests.Validation;

/// <summary>
/// Whatever a client sends to a write endpoint, a bad request is a 400 problem naming the
/// field at fault (or "body" when there is no usable JSON object), never a 500, and nothing is written.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ValidationBatteryTests(TrackerApp app)
{
    private readonly Scenario given = new(app);

    private static readonly string[] WriteEndpoints =
    [
        "register-project", "amend-project", "plan-milestone", "change-forecast",
        "complete-milestone", "report-progress", "create-api-key", "put-district",
    ];

    private static readonly string[] BodiesWithoutAnObject =
    [
        """{"a":""",
        """{"name":"x",}""",
        """{"name":"x""",
        "{",
        "not json",
        """[{"name":"开工"}]""",
        "[]",
        "\"a string\"",
        "42",
        "null",
        "",
    ];

    public static TheoryData<string, string> ShapelessBodies()
    {
        var data = new TheoryData<string, string>();
        foreach (var endpoint in WriteEndpoints)
        {
            foreach (var body in BodiesWithoutAnObject)
            {
                data.Add(endpoint, body);
            }
        }

        return data;
    }

    public static TheoryData<string, string, string> BadFields() => new()
    {
        { "register-project", """{"code":"2025-410300-48-01-000001","name":"路","category":"ring-road","district":"410302","responsibleUnit":"局","totalInvestment":"lots"}""", "totalInvestment" },
        { "register-project", """{"code":"2025-410300-48-01-000001","name":"路","category":"ring-road","district":"410302","responsibleUnit":"局","targetYear":"soon"}""", "targetYear" },
        { "register-project", """{"code":"2025-410300-48-01-000001","name":"路","category":"ring-road","district":"410302","responsibleUnit":"局","targetYear":"2025"}""", "targetYear" },
        { "register-project", """{"code":"2025-410300-48-01-000001","name":"路","category":"ring-road","district":"410302","responsibleUnit":"局","totalInvestment":"100"}""", "totalInvestment" },
        { "register-project", """{"code":"2025-410300-48-01-000001","name":"路","category":"ring-road","district":"410302","responsibleUnit":"局","isPublic":"yes"}""", "isPublic" },
        { "register-project", """{"code":"2025-410300-48-01-000001","name":42,"category":"ring-road","district":"410302","responsibleUnit":"局"}""", "name" },
        { "register-project", """{"code":["2025-410300-48-01-000001"],"name":"路","category":"ring-road","district":"410302","responsibleUnit":"局"}""", "code" },
        { "register-project", """{"code":"2025-410300-48-01-000001","name":"路","category":"spaceport","district":"410302","responsibleUnit":"局"}""", "category" },
        { "register-project", """{"code":"2025-410300-48-01-000001","name":"路","category":"Ring-Road","district":"410302","responsibleUnit":"局"}""", "category" },
        { "register-project", """{"code":"2025-410300-48-01-000001","name":"路","category":3,"district":"410302","responsibleUnit":"局"}""", "category" },
        { "register-project", """{"code":"2025-410300-48-01-000001","name":"路","category":"3","district":"410302","responsibleUnit":"局"}""", "category" },
        { "register-project", """{"code":"2025-410300-48-01-000001","name":"路","category":"ring-road","district":"410302","responsibleUnit":"局","planPeriod":"99th"}""", "planPeriod" },
        { "amend-project", """{"totalInvestment":"lots"}""", "totalInvestment" },
        { "amend-project", """{"targetYear":"soon"}""", "targetYear" },
        { "amend-project", """{"isPublic":"yes"}""", "isPublic" },
        { "amend-project", """{"name":{"zh":"路"}}""", "name" },
        { "amend-project", """{"category":"spaceport"}""", "category" },
        { "amend-project", """{"planPeriod":"12th"}""", "planPeriod" },
        { "amend-project", """{"planPeriod":1}""", "planPeriod" },
        { "plan-milestone", """{"name":"开工","kind":"groundbreaking","baselineDate":20260701}""", "baselineDate" },
        { "plan-milestone", """{"name":"开工","kind":"groundbreaking","baselineDate":"2026-13-01"}""", "baselineDate" },
        { "plan-milestone", """{"name":"开工","kind":"groundbreaking","baselineDate":"2026-07-01T00:00:00+08:00"}""", "baselineDate" },
        { "plan-milestone", """{"name":"开工","kind":"groundbreaking","baselineDate":"2026-07-01","isKey":"yes"}""", "isKey" },
        { "plan-milestone", """{"name":["开工"],"kind":"groundbreaking","baselineDate":"2026-07-01"}""", "name" },
        { "plan-milestone", """{"name":"开工","kind":"demolition","baselineDate":"2026-07-01"}""", "kind" },
        { "plan-milestone", """{"name":"开工","kind":4,"baselineDate":"2026-07-01"}""", "kind" },
        { "change-forecast", """{"forecastDate":"soon","reason":"延期"}""", "forecastDate" },
        { "change-forecast", """{"forecastDate":{"year":2026},"reason":"延期"}""", "forecastDate" },
        { "change-forecast", """{"forecastDate":"2026-07-01","reason":5}""", "reason" },
        { "complete-milestone", """{"actualDate":"yesterday"}""", "actualDate" },
        { "complete-milestone", """{"actualDate":true}""", "actualDate" },
        { "complete-milestone", """{"actualDate":"2026-06-31"}""", "actualDate" },
        { "report-progress", """{"reportDate":"2026-06-01","percentComplete":"half","investmentToDate":1}""", "percentComplete" },
        { "report-progress", """{"reportDate":"2026-06-01","percentComplete":"50","investmentToDate":1}""", "percentComplete" },
        { "report-progress", """{"reportDate":"2026-06-01","percentComplete":50,"investmentToDate":"many"}""", "investmentToDate" },
        { "report-progress", """{"reportDate":20260601,"percentComplete":50,"investmentToDate":1}""", "reportDate" },
        { "report-progress", """{"reportDate":"2026-06-01","percentComplete":50,"investmentToDate":1,"fundsInPlace":true}""", "fundsInPlace" },
        { "report-progress", """{"reportDate":"2026-06-01","percentComplete":50,"investmentToDate":1,"narrative":7}""", "narrative" },
        { "create-api-key", """{"name":"集成","role":"superuser"}""", "role" },
        { "create-api-key", """{"name":"集成","role":"read-only"}""", "role" },
        { "create-api-key", """{"name":"集成","role":"2"}""", "role" },
        { "create-api-key", """{"name":"集成","role":0}""", "role" },
        { "create-api-key", """{"name":5,"role":"reader"}""", "name" },
        { "create-api-key", """{"name":"集成","role":"district","district":410302}""", "district" },
        { "put-district", """{"name":5}""", "name" },
        { "put-district", """{"name":true}""", "name" },
        { "put-district", """{"name":["东城区"]}""", "name" },
    };

    /// <summary>Well-typed values the store could not hold (PostgreSQL refuses U+0000) or the reports could not add up.</summary>
    public static TheoryData<string, string, string> UnstorableValues() => new()
    {
        { "register-project", """{"code":"2025-410300-48-01-000001","name":"a\u0000b","category":"ring-road","district":"410302","responsibleUnit":"局"}""", "name" },
        { "register-project", """{"code":"2025-410300-48-01-000001","name":"路","category":"ring-road","district":"410302","responsibleUnit":"局","totalInvestment":79228162514264337593543950335}""", "totalInvestment" },
        { "register-project", """{"code":"2025-410300-48-01-000001","name":"路","category":"ring-road","district":"410302","responsibleUnit":"局","totalInvestment":1000000000.01}""", "totalInvestment" },
        { "amend-project", """{"description":"\u0000"}""", "description" },
        { "amend-project", """{"totalInvestment":79228162514264337593543950335}""", "totalInvestment" },
        { "plan-milestone", """{"name":"开工\u0000","kind":"groundbreaking","baselineDate":"2026-07-01"}""", "name" },
        { "plan-milestone", """{"name":"开工","kind":"groundbreaking","baselineDate":"0001-01-01"}""", "baselineDate" },
        { "plan-milestone", """{"name":"开工","kind":"groundbreaking","baselineDate":"9999-12-31"}""", "baselineDate" },
        { "change-forecast", """{"forecastDate":"2026-12-31","reason":"延\u0000期"}""", "reason" },
        { "complete-milestone", """{"actualDate":"0001-01-01"}""", "actualDate" },
        { "report-progress", """{"reportDate":"2026-06-01","percentComplete":50,"investmentToDate":1,"narrative":"\u0000"}""", "narrative" },
        { "report-progress", """{"reportDate":"2026-06-01","percentComplete":50,"investmentToDate":79228162514264337593543950335}""", "investmentToDate" },
        { "report-progress", """{"reportDate":"0001-01-01","percentComplete":50,"investmentToDate":1}""", "reportDate" },
        { "create-api-key", """{"name":"集成\u0000","role":"reader"}""", "name" },
        { "put-district", """{"name":"\u0000"}""", "name" },
    };

    public static TheoryData<string, string, string> MissingFields() => new()
    {
        { "register-project", """{"name":"路","category":"ring-road","district":"410302","responsibleUnit":"局"}""", "code" },
        { "register-project", """{"code":"2025-410300-48-01-000001","category":"ring-road","district":"410302","responsibleUnit":"局"}""", "name" },
        { "register-project", """{"code":"2025-410300-48-01-000001","name":"路","district":"410302","responsibleUnit":"局"}""", "category" },
        { "register-project", """{"code":"2025-410300-48-01-000001","name":"路","category":"ring-road","responsibleUnit":"局"}""", "district" },
        { "register-project", """{"code":"2025-410300-48-01-000001","name":"路","category":"ring-road","district":"410302"}""", "responsibleUnit" },
        { "amend-project", """{"name":null}""", "name" },
        { "amend-project", """{"category":null}""", "category" },
        { "plan-milestone", """{"kind":"groundbreaking","baselineDate":"2026-07-01"}""", "name" },
        { "plan-milestone", """{"name":"开工","baselineDate":"2026-07-01"}""", "kind" },
        { "plan-milestone", """{"name":"开工","kind":"groundbreaking"}""", "baselineDate" },
        { "change-forecast", """{"reason":"延期"}""", "forecastDate" },
        { "change-forecast", """{"forecastDate":"2026-07-01"}""", "reason" },
        { "complete-milestone", "{}", "actualDate" },
        { "report-progress", """{"percentComplete":50,"investmentToDate":1}""", "reportDate" },
        { "report-progress", """{"reportDate":"2026-06-01","investmentToDate":1}""", "percentComplete" },
        { "report-progress", """{"reportDate":"2026-06-01","percentComplete":50}""", "investmentToDate" },
        { "create-api-key", """{"role":"reader"}""", "name" },
        { "create-api-key", """{"name":"集成"}""", "role" },
        { "put-district", "{}", "name" },
    };

    [Theory]
    [MemberData(nameof(ShapelessBodies))]
    public async Task A_body_that_is_not_a_json_object_is_a_400_problem_on_body(string endpoint, string body)
    {
        var target = await Target(endpoint);

        var response = await given.Admin.SendRawJson(target.Method, target.Url, body);

        var problem = await response.ExpectProblem(HttpStatusCode.BadRequest, "body");
        Assert.Equal(new[] { "body" }, problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        await target.AssertNothingWritten();
    }

    [Theory]
    [MemberData(nameof(BadFields))]
    public async Task A_wrong_type_or_unknown_enum_value_is_a_400_problem_naming_the_field(string endpoint, string body, string field)
    {
        var target = await Target(endpoint);

        var response = await given.Admin.SendRawJson(target.Method, target.Url, body);

        var problem = await response.ExpectProblem(HttpStatusCode.BadRequest, field);
        Assert.Equal(new[] { field }, problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        await target.AssertNothingWritten();
    }

    [Theory]
    [MemberData(nameof(UnstorableValues))]
    public async Task A_value_the_store_cannot_hold_or_add_up_is_a_400_problem_naming_the_field(string endpoint, string body, string field)
    {
        var target = await Target(endpoint);

        var response = await given.Admin.SendRawJson(target.Method, target.Url, body);

        await response.ExpectProblem(HttpStatusCode.BadRequest, field);
        await target.AssertNothingWritten();
    }

    [Theory]
    [MemberData(nameof(MissingFields))]
    public async Task A_missing_required_field_is_a_400_problem_naming_the_field(string endpoint, string body, string field)
    {
        var target = await Target(endpoint);

        var response = await given.Admin.SendRawJson(target.Method, target.Url, body);

        await response.ExpectProblem(HttpStatusCode.BadRequest, field);
        await target.AssertNothingWritten();
    }

    [Theory]
    [InlineData("/api/v1/projects?page=abc", "page")]
    [InlineData("/api/v1/projects?page=1.5", "page")]
    [InlineData("/api/v1/projects?page=0", "page")]
    [InlineData("/api/v1/projects?page=-1", "page")]
    [InlineData("/api/v1/projects?page=99999999999", "page")]
    [InlineData("/api/v1/projects?pageSize=abc", "pageSize")]
    [InlineData("/api/v1/projects?pageSize=0", "pageSize")]
    [InlineData("/api/v1/projects?pageSize=501", "pageSize")]
    [InlineData("/api/v1/projects?page=2147483647&pageSize=500", "page")]
    [InlineData("/api/v1/projects?targetYear=soon", "targetYear")]
    [InlineData("/api/v1/projects?category=spaceport", "category")]
    [InlineData("/api/v1/projects?planPeriod=99th", "planPeriod")]
    [InlineData("/api/v1/projects?status=paused", "status")]
    [InlineData("/api/v1/projects?q=%00", "q")]
    [InlineData("/api/v1/projects?district=4103%0002", "district")]
    [InlineData("/api/v1/projects?district=410302&district=410303", "district")]
    [InlineData("/api/v1/projects?page=1&page=2", "page")]
    public async Task A_bad_query_string_on_the_project_list_is_a_400_problem_naming_the_parameter(string url, string field)
    {
        var response = await given.Admin.GetAsync(url);

        await response.ExpectProblem(HttpStatusCode.BadRequest, field);
    }

    [Theory]
    [InlineData("?page=abc", "page")]
    [InlineData("?page=0", "page")]
    [InlineData("?pageSize=abc", "pageSize")]
    [InlineData("?pageSize=0", "pageSize")]
    [InlineData("?pageSize=501", "pageSize")]
    [InlineData("?page=2147483648", "page")]
    [InlineData("?page=2147483647&pageSize=500", "page")]
    public async Task A_bad_query_string_on_the_progress_list_is_a_400_problem_naming_the_parameter(string query, string field)
    {
        var project = await given.NewProject();

        var response = await given.Admin.GetAsync(project.ProgressUrl() + query);

        await response.ExpectProblem(HttpStatusCode.BadRequest, field);
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("2026-13-01")]
    [InlineData("2026-06-01T09:00:00")]
    [InlineData("9999-12-31")]
    public async Task A_bad_asOf_is_a_400_problem_on_asOf(string asOf)
    {
        var project = await given.NewProject();

        var response = await given.Admin.GetAsync($"/api/v1/projects/{project.Str("id")}?asOf={Uri.EscapeDataString(asOf)}");

        await response.ExpectProblem(HttpStatusCode.BadRequest, "asOf");
    }

    [Theory]
    [InlineData("PATCH", "", """{"name":"路"}""")]
    [InlineData("POST", "/milestones", """{"name":"开工","kind":"groundbreaking","baselineDate":"2026-07-01"}""")]
    [InlineData("POST", "/progress-reports", """{"reportDate":"2026-06-01","percentComplete":50,"investmentToDate":1}""")]
    [InlineData("PUT", "/annual-plans/2026", """{"plannedInvestment":1}""")]
    public async Task A_command_on_the_all_zero_project_id_is_not_found(string method, string path, string body)
    {
        var response = await given.Admin.SendRawJson(new HttpMethod(method), $"/api/v1/projects/{Guid.Empty}{path}", body);

        await response.ExpectProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_largest_page_size_is_accepted()
    {
        var response = await given.Admin.GetAsync("/api/v1/projects?page=1&pageSize=500");

        var page = await response.Expect(HttpStatusCode.OK);
        Assert.Equal(500, page.GetProperty("pageSize").GetInt32());
        Assert.Equal(1, page.GetProperty("page").GetInt32());
    }

    [Fact]
    public async Task The_farthest_page_a_list_can_reach_is_an_empty_page_not_an_error()
    {
        var project = await given.NewProject();
        await (await given.Admin.PostJson(project.ProgressUrl(), new { reportDate = TrackerApp.Today, percentComplete = 5m, investmentToDate = 1m }))
            .Expect(HttpStatusCode.Created);

        var reports = await (await given.Admin.GetAsync($"{project.ProgressUrl()}?page=4294968&pageSize=500")).Expect(HttpStatusCode.OK);
        var projects = await (await given.Admin.GetAsync($"/api/v1/projects?district={project.Str("district")}&page=4294968&pageSize=500"))
            .Expect(HttpStatusCode.OK);

        Assert.Equal(0, reports.GetProperty("items").GetArrayLength());
        Assert.Equal(1, reports.GetProperty("total").GetInt64());
        Assert.Equal(0, projects.GetProperty("items").GetArrayLength());
        Assert.Equal(1, projects.GetProperty("total").GetInt64());
    }

    private sealed record WriteTarget(HttpMethod Method, string Url, Func<Task> AssertNothingWritten);

    /// <summary>A fresh resource for the endpoint to write to, and a check that a rejected write left it as it was.</summary>
    private async Task<WriteTarget> Target(string endpoint)
    {
        switch (endpoint)
        {
            case "register-project":
                return new(HttpMethod.Post, "/api/v1/projects", () => Task.CompletedTask);
            case "create-api-key":
                return new(HttpMethod.Post, "/api/v1/api-keys", () => Task.CompletedTask);
            case "put-district":
                var code = $"8{Scenario.Next():D5}";
                return new(HttpMethod.Put, $"/api/v1/districts/{code}",
                    async () => await (await given.Admin.GetAsync($"/api/v1/districts/{code}")).ExpectProblem(HttpStatusCode.NotFound));
        }

        var project = await given.NewProject();
        var id = project.Str("id");
        var milestone = endpoint is "change-forecast" or "complete-milestone"
            ? await given.NewMilestone(id, TrackerApp.Today.AddDays(-3))
            : default;
        var version = await given.VersionOf(id);
        Func<Task> unchanged = async () => Assert.Equal(version, await given.VersionOf(id));
        return endpoint switch
        {
            "amend-project" => new(HttpMethod.Patch, $"/api/v1/projects/{id}", unchanged),
            "plan-milestone" => new(HttpMethod.Post, project.MilestonesUrl(), unchanged),
            "change-forecast" => new(HttpMethod.Post, $"{project.MilestonesUrl()}/{milestone.Str("id")}/forecast", unchanged),
            "complete-milestone" => new(HttpMethod.Post, $"{project.MilestonesUrl()}/{milestone.Str("id")}/complete", unchanged),
            "report-progress" => new(HttpMethod.Post, project.ProgressUrl(), unchanged),
            _ => throw new ArgumentOutOfRangeException(nameof(endpoint), endpoint, "No such write endpoint in the battery."),
        };
    }
}
