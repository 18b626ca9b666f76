using System.Net;
using System.Text;
using System.Text.Json;

namespace ProjectTracker.Api.Tests.Support;

/// <summary>An issued API key: its id (to revoke it), its secret and the name history shows for it.</summary>
public sealed record IssuedKey(string Id, string Secret, string Name);

/// <summary>Helpers for the project, access and district tests.</summary>
public static class ProjectTestKit
{
    /// <summary>Issues a key with a name unique to this run and answers all of it.</summary>
    public static async Task<IssuedKey> IssueKey(this Scenario given, string role, string? district = null)
    {
        var name = $"{role}-key-{Scenario.Next()}";
        var key = await (await given.Admin.PostJson("/api/v1/api-keys", new { name, role, district })).Expect(HttpStatusCode.Created);
        return new IssuedKey(key.Str("id"), key.Str("key"), key.Str("name"));
    }

    /// <summary>Sends a body and an If-Match exactly as given, for malformed input the typed helpers cannot make.</summary>
    public static async Task<HttpResponseMessage> SendRaw(this HttpClient client, HttpMethod method, string url, string? body, string? rawIfMatch = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        if (rawIfMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", rawIfMatch);
        }

        return await client.SendAsync(request);
    }

    public static async Task<JsonElement> GetProject(this HttpClient client, string projectId) =>
        await (await client.GetAsync($"/api/v1/projects/{projectId}")).Expect(HttpStatusCode.OK);

    public static async Task<JsonElement[]> History(this HttpClient client, string projectId)
    {
        var history = await (await client.GetAsync($"/api/v1/projects/{projectId}/history")).Expect(HttpStatusCode.OK);
        return [.. history.EnumerateArray()];
    }

    public static long Version(this JsonElement project) => project.GetProperty("version").GetInt64();

    /// <summary>A progress report body dated on or before the test clock's today.</summary>
    public static object ProgressBody(decimal percentComplete = 40m, string narrative = "主体结构施工中") => new
    {
        reportDate = TrackerApp.Today.AddDays(-1),
        percentComplete,
        investmentToDate = 5000m,
        narrative,
    };

    /// <summary>A milestone body with a baseline after the test clock's today.</summary>
    public static object MilestoneBody(string name = "开工") => new
    {
        name,
        kind = "groundbreaking",
        baselineDate = TrackerApp.Today.AddDays(30),
        isKey = true,
    };
}
