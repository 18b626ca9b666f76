using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using ProjectTracker.Domain.Projects;
using ProjectTracker.Domain.Schedule;

namespace ProjectTracker.Bench.Scenarios;

/// <summary>
/// Every expected and latest date of the portfolio recomputed at once, in this process, the way a rebuild of stored dates
/// would: every project document read straight from PostgreSQL, then the whole network planned with the domain's own
/// code (<c>PortfolioSchedule.Boundaries</c>, then <c>ProjectSchedule.Of</c> for each project), as the API plans a part of it.
/// </summary>
internal static class PortfolioReplan
{
    // As the API's Marten store writes documents: camelCase, enums in kebab-case.
    private static readonly JsonSerializerOptions Json = CreateJson();

    public sealed record Loaded(IReadOnlyList<Project> Projects, TimeSpan Read, TimeSpan Deserialize, long Bytes);

    /// <param name="KnockOnMilestones">Milestones whose predecessors make them later than their own date.</param>
    /// <param name="NegativeFloatMilestones">Open milestones that cannot make their project's target or a successor's latest date.</param>
    public sealed record Planned(
        IReadOnlyDictionary<Guid, ProjectSchedule> Schedules,
        TimeSpan Took,
        int Milestones,
        int Links,
        int CrossProjectLinks,
        int KnockOnMilestones,
        int KnockOnProjects,
        int NegativeFloatMilestones);

    public static async Task<Loaded> LoadAsync(BenchContext context, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var documents = new List<byte[]>();
        await using (var command = context.Db.CreateCommand($"select data from {ProjectGet.DocumentTable}"))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                documents.Add(await reader.GetFieldValueAsync<byte[]>(0, ct));
            }
        }

        var read = Stopwatch.GetElapsedTime(started);
        started = Stopwatch.GetTimestamp();
        // A rebuild would use every CPU the machine has: the documents are independent of one another.
        var projects = documents.AsParallel().AsOrdered().Select(d => JsonSerializer.Deserialize<Project>(d, Json)
            ?? throw new InvalidOperationException("a stored project document reads as null")).ToList();
        return new Loaded(projects, read, Stopwatch.GetElapsedTime(started), documents.Sum(d => (long)d.Length));
    }

    public static Planned Plan(IReadOnlyList<Project> projects, DateOnly today)
    {
        var started = Stopwatch.GetTimestamp();
        var boundaries = PortfolioSchedule.Boundaries(projects, today);
        var schedules = projects.ToDictionary(p => p.Id, p => ProjectSchedule.Of(p, today, boundaries[p.Id]));
        var took = Stopwatch.GetElapsedTime(started);

        var links = projects.SelectMany(p => p.Milestones.SelectMany(m => m.Predecessors.Select(x => x.ProjectId != p.Id))).ToList();
        var knockOn = schedules.Values.Select(s => s.Milestones.Values.Count(m => m.KnockOnDays > 0)).ToList();
        var byId = projects.ToDictionary(p => p.Id);
        var negativeFloat = schedules.Sum(s => s.Value.Milestones.Values.Count(m => m.TotalFloatDays < 0 && byId[s.Key].FindMilestone(m.MilestoneId) is { IsDone: false }));
        return new Planned(
            schedules, took, projects.Sum(p => p.Milestones.Count), links.Count, links.Count(x => x), knockOn.Sum(), knockOn.Count(k => k > 0), negativeFloat);
    }

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
