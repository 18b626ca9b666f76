using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace ProjectTracker.Api.Tests.Support;

/// <summary>Small reads and wire formats shared by the milestone, progress and validation tests.</summary>
public static class ScheduleTestKit
{
    /// <summary>A calendar date as the API writes it: yyyy-MM-dd.</summary>
    public static string Iso(this DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static async Task<JsonElement> Project(this Scenario given, string projectId) =>
        await (await given.Admin.GetAsync($"/api/v1/projects/{projectId}")).Expect(HttpStatusCode.OK);

    public static async Task<long> VersionOf(this Scenario given, string projectId) =>
        (await given.Project(projectId)).GetProperty("version").GetInt64();

    /// <summary>Posts JSON with an If-Match header sent exactly as given ("*", or a malformed one).</summary>
    public static async Task<HttpResponseMessage> PostWithRawIfMatch(this HttpClient client, string url, object body, string ifMatch)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body, options: JsonSerializerOptions.Web) };
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return await client.SendAsync(request);
    }

    /// <summary>Sends text exactly as given as an application/json body (malformed or empty bodies).</summary>
    public static async Task<HttpResponseMessage> SendRawJson(this HttpClient client, HttpMethod method, string url, string body)
    {
        using var request = new HttpRequestMessage(method, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        return await client.SendAsync(request);
    }

    public static string MilestonesUrl(this JsonElement project) => $"/api/v1/projects/{project.Str("id")}/milestones";

    public static string ProgressUrl(this JsonElement project) => $"/api/v1/projects/{project.Str("id")}/progress-reports";
}
