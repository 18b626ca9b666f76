using System.Net;
using System.Text.Json;

namespace ProjectTracker.Api.Tests.Support;

/// <summary>
/// Builds the data one test needs through the public API, with codes no other test uses,
/// so tests are independent of each other and of their order.
/// </summary>
public sealed class Scenario(ApiHost app)
{
    private static int counter = Random.Shared.Next(1000, 9000);

    public ApiHost App { get; } = app;

    public HttpClient Admin { get; } = app.Client();

    public static int Next() => Interlocked.Increment(ref counter);

    /// <summary>A well-formed project code never used before in this run.</summary>
    public static string NewCode() => $"2025-410300-48-01-{Next():D6}";

    public async Task<string> NewDistrict(string name = "测试区")
    {
        var code = $"9{Next():D5}";
        await (await Admin.PutJson($"/api/v1/districts/{code}", new { name })).Expect(HttpStatusCode.Created);
        return code;
    }

    public static Dictionary<string, object?> ProjectBody(string district, string? code = null) => new()
    {
        ["code"] = code ?? NewCode(),
        ["name"] = "东环路快速化改造",
        ["category"] = "ring-road",
        ["district"] = district,
        ["responsibleUnit"] = "市交通运输局",
        ["contactEmail"] = "pm@example.gov.cn",
        ["leadOfficial"] = "张三",
        ["totalInvestment"] = 125000.5m,
        ["planPeriod"] = "14th",
        ["targetYear"] = 2027,
        ["isPublic"] = true,
        ["description"] = "东环路全线快速化改造",
    };

    public async Task<JsonElement> NewProject(string? district = null, HttpClient? client = null)
    {
        district ??= await NewDistrict();
        return await (await (client ?? Admin).PostJson("/api/v1/projects", ProjectBody(district))).Expect(HttpStatusCode.Created);
    }

    public async Task<JsonElement> NewMilestone(string projectId, DateOnly baseline, bool isKey = false, string kind = "groundbreaking") =>
        await (await Admin.PostJson($"/api/v1/projects/{projectId}/milestones", new { name = "开工", kind, baselineDate = baseline, isKey }))
            .Expect(HttpStatusCode.Created);

    /// <summary>Issues a key and answers its secret.</summary>
    public async Task<string> NewKey(string role, string? district = null)
    {
        var key = await (await Admin.PostJson("/api/v1/api-keys", new { name = $"{role}-{Next()}", role, district })).Expect(HttpStatusCode.Created);
        return key.Str("key");
    }
}
