using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Time.Testing;
using ProjectTracker.Api.Tests.Support;

namespace ProjectTracker.Api.Tests.Pages;

/// <summary>
/// A tracker node on a database of its own, so that the overview's totals count only what the class's tests made; the
/// clock stands at 2026-06-15 in Shanghai as in the shared app. One per test class.</summary>
public sealed partial class PagesApp : IAsyncLifetime
{
    private readonly TestDatabase database = new("pt_pages");

    public PagesApp()
    {
        Clock.AutoAdvanceAmount = TimeSpan.FromMilliseconds(1);
        Host = new ApiHost(database.ConnectionString, Clock, new Dictionary<string, string> { ["Alerts:LinkBaseUrl"] = "https://tracker.example.org" });
    }

    public FakeTimeProvider Clock { get; } = new(TrackerApp.Now.ToUniversalTime());

    public ApiHost Host { get; }

    public Scenario Given { get; private set; } = null!;

    public HttpClient Admin => Given.Admin;

    /// <summary>No key: how the public reads the pages.</summary>
    public HttpClient Anonymous { get; private set; } = null!;

    public static DateOnly Today => TrackerApp.Today;

    public string BaseAddress => Anonymous.BaseAddress!.ToString();

    public async Task InitializeAsync()
    {
        await database.Create();
        Host.StartServer();
        Given = new Scenario(Host);
        Anonymous = Host.Client(apiKey: null);
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await database.DisposeAsync();
    }

    /// <summary>A cluster (组团) of its own; answers its code.</summary>
    public async Task<string> NewCluster(string name)
    {
        var code = $"c{Scenario.Next()}";
        await (await Admin.PutJson($"/api/v1/clusters/{code}", new { name })).Expect(HttpStatusCode.Created);
        return code;
    }

    /// <summary>A district around Luoyang's centre (112.3–112.7 E, 34.5–34.8 N) with that outline; answers its code.</summary>
    public async Task<string> NewOutlinedDistrict(string name)
    {
        var code = $"9{Scenario.Next():D5}";
        var boundary = JsonDocument.Parse("""{"type":"Polygon","coordinates":[[[112.3,34.5],[112.7,34.5],[112.7,34.8],[112.3,34.8],[112.3,34.5]]]}""").RootElement;
        await (await Admin.PutJson($"/api/v1/districts/{code}", new { name, boundary })).Expect(HttpStatusCode.Created);
        return code;
    }

    /// <summary>A line across the outlined district, as a road's location.</summary>
    public static JsonElement Road => JsonDocument.Parse("""{"type":"LineString","coordinates":[[112.4,34.6],[112.6,34.7]]}""").RootElement;

    /// <summary>A project registered with the body changed as asked (public unless told otherwise).</summary>
    public async Task<JsonElement> NewProject(Action<Dictionary<string, object?>>? change = null, string? district = null)
    {
        var body = Scenario.ProjectBody(district ?? await Given.NewDistrict("洛龙区"));
        change?.Invoke(body);
        return await (await Admin.PostJson("/api/v1/projects", body)).Expect(HttpStatusCode.Created);
    }

    public async Task<JsonElement> Milestone(string projectId, string name, string kind, DateOnly baseline, bool isKey = true) =>
        await (await Admin.PostJson($"/api/v1/projects/{projectId}/milestones", new { name, kind, baselineDate = baseline, isKey })).Expect(HttpStatusCode.Created);

    public async Task Complete(string projectId, string milestoneId, DateOnly actual) =>
        await (await Admin.PostJson($"/api/v1/projects/{projectId}/milestones/{milestoneId}/complete", new { actualDate = actual })).Expect(HttpStatusCode.OK);

    public async Task Progress(string projectId, decimal percent) =>
        await (await Admin.PostJson($"/api/v1/projects/{projectId}/progress-reports", ProjectTestKit.ProgressBody(percent))).Expect(HttpStatusCode.Created);

    /// <summary>A plan change asked for by the bootstrap admin and approved by another admin; answers its id.</summary>
    public async Task<string> ApprovedPlanChange(string projectId, object changes, string reason, string? documentRef)
    {
        var asked = await (await Admin.PostJson($"/api/v1/projects/{projectId}/plan-changes", new { reason, documentRef, changes })).Expect(HttpStatusCode.Created);
        var decider = Host.Client(await Given.NewKey("admin"));
        await (await decider.PostJson($"/api/v1/plan-changes/{asked.Str("id")}/approve", new { comment = "同意" })).Expect(HttpStatusCode.OK);
        return asked.Str("id");
    }

    public async Task<(HttpResponseMessage Response, string Html)> Page(string path, HttpClient? client = null)
    {
        var response = await (client ?? Anonymous).GetAsync(path);
        return (response, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The page's markup without the white space between tags, for assertions on what sits next to what.</summary>
    public static string Squeezed(string html) => BetweenTags().Replace(html, "><");

    [GeneratedRegex(@">\s+<")]
    private static partial Regex BetweenTags();
}
