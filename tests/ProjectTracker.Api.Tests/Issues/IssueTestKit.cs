using System.Net;
using System.Text.Json;
using ProjectTracker.Api.Tests.Support;

namespace ProjectTracker.Api.Tests.Issues;

internal static class IssueTestKit
{
    /// <summary>A responsible unit of its own in the units list; answers its code.</summary>
    public static async Task<string> NewUnit(this Scenario given, string? email = null)
    {
        var code = $"unit-{Scenario.Next()}";
        await (await given.Admin.PutJson($"/api/v1/units/{code}", new { name = $"测试责任单位{code}", kind = "city-bureau", email })).Expect(HttpStatusCode.Created);
        return code;
    }

    /// <summary>A key of role unit for the unit; answers its secret.</summary>
    public static async Task<string> NewUnitKey(this Scenario given, string unit)
    {
        var key = await (await given.Admin.PostJson("/api/v1/api-keys", new { name = $"unit-{Scenario.Next()}", role = "unit", unit })).Expect(HttpStatusCode.Created);
        return key.Str("key");
    }

    public static Dictionary<string, object?> IssueBody(string unit, DateOnly dueDate, string? progressReportId = null) => new()
    {
        ["title"] = "交通导改方案待批复",
        ["description"] = "主线桥梁施工需占用东环路半幅，交通导改方案尚未批复。",
        ["unit"] = unit,
        ["dueDate"] = dueDate,
        ["progressReportId"] = progressReportId,
    };

    public static async Task<JsonElement> NewIssue(this HttpClient client, string projectId, string unit, DateOnly dueDate) =>
        await (await client.PostJson($"/api/v1/projects/{projectId}/issues", IssueBody(unit, dueDate))).Expect(HttpStatusCode.Created);

    public static Task<HttpResponseMessage> Decide(this HttpClient client, string issueId, string decision, object? body = null, string? ifMatch = null) =>
        client.PostJson($"/api/v1/issues/{issueId}/{decision}", body ?? new { }, ifMatch);

    public static async Task<JsonElement[]> Issues(this HttpClient client, string query)
    {
        var page = await (await client.GetAsync($"/api/v1/issues?pageSize=500&{query}")).Expect(HttpStatusCode.OK);
        return [.. page.GetProperty("items").EnumerateArray()];
    }
}
