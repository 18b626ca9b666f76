using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ProjectTracker.Chaos;

/// <summary>A project the writers write to, with its milestones.</summary>
public sealed record ChaosProject(Guid Id, IReadOnlyList<Guid> Milestones);

/// <summary>The projects of the run, made through the API before the first fault, and what their histories say after the last.</summary>
public sealed partial class World(IReadOnlyList<ChaosProject> projects)
{
    /// <summary>Each write carries its key in its text (narrative or reason), so its events can be told apart in the history.</summary>
    public const string Marker = "chaos ";

    /// <summary>The latest baseline of a milestone, in days from today.</summary>
    public const int LastBaselineInDays = 700;

    private static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);

    public IReadOnlyList<ChaosProject> Projects { get; } = projects;

    public static DateOnly TodayInShanghai => DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(Shanghai).DateTime);

    public static async Task<World> Seed(HttpClient admin, Uri node, int count)
    {
        // Each run has a database of its own (scripts/chaos.sh): fixed codes cannot collide.
        const string district = "970001";
        await Ok(await admin.PutAsJsonAsync(new Uri(node, $"api/v1/districts/{district}"), new { name = "故障演练区" }));
        var projects = new List<ChaosProject>();
        for (var i = 0; i < count; i++)
        {
            var code = string.Create(CultureInfo.InvariantCulture, $"2026-410300-48-01-{i + 1:D6}");
            var project = await Ok(await admin.PostAsJsonAsync(new Uri(node, "api/v1/projects"), new
            {
                code,
                name = $"故障演练项目{i + 1}",
                category = "arterial-road",
                district,
                responsibleUnit = "市交通运输局",
                totalInvestment = 50000,
                planPeriod = "15th",
                targetYear = 2029,
                isPublic = false,
            }));
            var id = project.GetProperty("id").GetGuid();
            var milestones = new List<Guid>();
            foreach (var (kind, days) in new[] { ("groundbreaking", 60), ("main-works", 400), ("completion", LastBaselineInDays) })
            {
                var milestone = await Ok(await admin.PostAsJsonAsync(new Uri(node, $"api/v1/projects/{id}/milestones"), new
                {
                    name = $"节点 {kind}",
                    kind,
                    baselineDate = TodayInShanghai.AddDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    isKey = kind != "main-works",
                }));
                milestones.Add(milestone.GetProperty("id").GetGuid());
            }

            projects.Add(new ChaosProject(id, milestones));
        }

        return new World(projects);
    }

    /// <summary>The keys each project's history records, as many times as it records them.</summary>
    public async Task<List<(string Key, Guid ProjectId, string Type)>> RecordedKeys(HttpClient admin, Uri node)
    {
        var recorded = new List<(string, Guid, string)>();
        foreach (var project in Projects)
        {
            var history = await Ok(await admin.GetAsync(new Uri(node, $"api/v1/projects/{project.Id}/history")));
            foreach (var change in history.EnumerateArray())
            {
                var type = change.GetProperty("type").GetString()!;
                var text = change.GetProperty("data").ToString();
                foreach (Match match in KeyPattern().Matches(text))
                {
                    recorded.Add((match.Groups["key"].Value, project.Id, type));
                }
            }
        }

        return recorded;
    }

    private static async Task<JsonElement> Ok(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {text}");
        }

        return JsonDocument.Parse(text).RootElement.Clone();
    }

    [GeneratedRegex("chaos (?<key>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})")]
    private static partial Regex KeyPattern();
}
