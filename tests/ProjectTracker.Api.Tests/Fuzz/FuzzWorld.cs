using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ProjectTracker.Api.Tests.Support;

namespace ProjectTracker.Api.Tests.Fuzz;

/// <summary>Whose key a fuzz request carries.</summary>
public enum FuzzRole
{
    Admin,
    DistrictA,
    DistrictB,
    Reader,
    NoKey,
    WrongKey,
    RevokedKey,
}

/// <summary>
/// The data a fuzz run aims at, made through the API before it starts: two districts with a key each, projects with
/// milestones in both, and one or more of everything a path can name. Every resource remembers its district, so that
/// a write by one district's key on another's resource can be told apart from a legitimate one.
/// </summary>
public sealed class FuzzWorld
{
    public const string Email = "fuzz@example.gov.cn";

    public required string DistrictA { get; init; }

    public required string DistrictB { get; init; }

    public required IReadOnlyDictionary<FuzzRole, string?> Keys { get; init; }

    /// <summary>Project id → its district.</summary>
    public ConcurrentDictionary<string, string> Projects { get; } = new();

    public ConcurrentDictionary<string, string[]> Milestones { get; } = new();

    public ConcurrentBag<string> ProjectCodes { get; } = [];

    /// <summary>Ids by the collection that serves them (<c>proposals</c>, <c>webhooks</c>…), with the district each belongs to (null: none).</summary>
    public ConcurrentDictionary<string, ConcurrentDictionary<string, string?>> Resources { get; } = new();

    public string? DistrictOf(FuzzRole role) => role switch
    {
        FuzzRole.DistrictA => DistrictA,
        FuzzRole.DistrictB => DistrictB,
        _ => null,
    };

    public string? Owner(string collection, string id) =>
        collection == "projects"
            ? Projects.GetValueOrDefault(id)
            : Resources.TryGetValue(collection, out var ids) ? ids.GetValueOrDefault(id) : null;

    public static async Task<FuzzWorld> Seed(Scenario given)
    {
        var admin = given.Admin;
        var (a, b) = (await given.NewDistrict("模糊测试甲区"), await given.NewDistrict("模糊测试乙区"));
        var revoked = await (await admin.PostJson("/api/v1/api-keys", new { name = "fuzz-revoked", role = "reader" })).Expect(HttpStatusCode.Created);
        await (await admin.DeleteAsync($"/api/v1/api-keys/{revoked.Str("id")}")).Expect(HttpStatusCode.NoContent);
        var world = new FuzzWorld
        {
            DistrictA = a,
            DistrictB = b,
            Keys = new Dictionary<FuzzRole, string?>
            {
                [FuzzRole.Admin] = ApiHost.AdminKey,
                [FuzzRole.DistrictA] = await given.NewKey("district", a),
                [FuzzRole.DistrictB] = await given.NewKey("district", b),
                [FuzzRole.Reader] = await given.NewKey("reader"),
                [FuzzRole.NoKey] = null,
                [FuzzRole.WrongKey] = "pt_not_a_key_of_this_server",
                [FuzzRole.RevokedKey] = revoked.Str("key"),
            },
        };

        foreach (var district in new[] { a, b })
        {
            for (var i = 0; i < 6; i++)
            {
                var body = Scenario.ProjectBody(district);
                var project = await (await admin.PostJson("/api/v1/projects", body)).Expect(HttpStatusCode.Created);
                var id = project.Str("id");
                world.Projects[id] = district;
                world.ProjectCodes.Add((string)body["code"]!);
                var milestones = new List<string>();
                foreach (var (kind, days) in new[] { ("land-use", -40), ("groundbreaking", 20), ("completion", 400) })
                {
                    var milestone = await given.NewMilestone(id, TrackerApp.Today.AddDays(days), isKey: kind != "land-use", kind: kind);
                    milestones.Add(milestone.Str("id"));
                }

                world.Milestones[id] = [.. milestones];
            }

            var first = world.Projects.First(p => p.Value == district).Key;
            var request = await (await admin.PostJson($"/api/v1/projects/{first}/rebaseline-requests", new
            {
                reason = "征地拆迁滞后",
                changes = new[] { new { milestoneId = world.Milestones[first][1], newBaselineDate = TrackerApp.Today.AddDays(60) } },
            })).Expect(HttpStatusCode.Created);
            world.Add("rebaseline-requests", request.Str("id"), district);

            var proposal = await (await admin.PostJson("/api/v1/proposals", new { project = Scenario.ProjectBody(district), year = 2027, justification = "补齐短板" }))
                .Expect(HttpStatusCode.Created);
            world.Add("proposals", proposal.Str("id"), district);

            var subscription = await (await admin.PostJson("/api/v1/subscriptions", new { email = Email, district, kinds = new[] { "deadline", "slip" } }))
                .Expect(HttpStatusCode.Created);
            world.Add("subscriptions", subscription.Str("id"), district);

            var hook = await (await admin.PostJson("/api/v1/webhooks", new { url = "http://10.20.30.40/hooks", district })).Expect(HttpStatusCode.Created);
            world.Add("webhooks", hook.Str("id"), district);

            var import = new ByteArrayContent(Encoding.UTF8.GetBytes(FuzzRequests.ImportCsv(Scenario.NewCode(), district)));
            import.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
            using var background = new HttpRequestMessage(HttpMethod.Post, "/api/v1/imports?kind=projects") { Content = import };
            background.Headers.Add("Prefer", "respond-async");
            var queued = await (await admin.SendAsync(background)).Expect(HttpStatusCode.Accepted);
            world.Add("imports", queued.Str("id"), district);
        }

        for (var i = 0; i < 4; i++)
        {
            var key = await (await admin.PostJson("/api/v1/api-keys", new { name = $"fuzz-spare-{i}", role = "reader" })).Expect(HttpStatusCode.Created);
            world.Add("api-keys", key.Str("id"), null);
        }

        await (await admin.PostAsync("/api/v1/jobs/deadline-alerts", null)).Expect(HttpStatusCode.OK);
        var alerts = await (await admin.GetAsync("/api/v1/alerts?pageSize=20")).Expect(HttpStatusCode.OK);
        foreach (var alert in alerts.GetProperty("items").EnumerateArray())
        {
            world.Add("alerts", alert.Str("id"), world.Projects.GetValueOrDefault(alert.Str("projectId")));
        }

        return world;
    }

    private void Add(string collection, string id, string? district) => Resources.GetOrAdd(collection, _ => new())[id] = district;
}
