using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using ProjectTracker.Api.Tests.Support;
using Xunit.Abstractions;

namespace ProjectTracker.Api.Tests.Fuzz;

/// <summary>
/// The API as an outsider meets it: requests built from the served OpenAPI document for every operation and role, most
/// of them mutated, against a node and database of its own. <c>PT_FUZZ_REQUESTS</c> (5,000 here; <c>scripts/fuzz.sh</c>
/// runs 20,000) and <c>PT_FUZZ_SEED</c> set the run; what it covers is in docs/reliability.md.
/// </summary>
public sealed class FuzzTests(ITestOutputHelper output)
{
    private const int DefaultRequests = 5_000;
    private const int DefaultSeed = 20261207;

    [Fact]
    public async Task Fuzzed_requests_get_no_5xx_only_problem_errors_and_no_forbidden_write_succeeds()
    {
        var count = Setting("PT_FUZZ_REQUESTS", DefaultRequests);
        var seed = Setting("PT_FUZZ_SEED", DefaultSeed);
        await using var database = await TestDatabase.Create("pt_fuzz");
        var clock = new FakeTimeProvider(TrackerApp.Now.ToUniversalTime()) { AutoAdvanceAmount = TimeSpan.FromMilliseconds(1) };
        // Requests without a valid key share one address's allowance: raised, so that they reach the endpoints.
        await using var host = new ApiHost(database.ConnectionString, clock, new Dictionary<string, string>
        {
            ["RateLimits:Anonymous:TokensPerPeriod"] = "1000000",
            ["RateLimits:Anonymous:BurstLimit"] = "1000000",
        });
        var given = new Scenario(host);
        var world = await FuzzWorld.Seed(given);
        var document = new OpenApiOperations(JsonNode.Parse(await given.Admin.GetStringAsync("/swagger/v1/swagger.json"))!);
        using var client = host.Client(null);
        client.Timeout = TimeSpan.FromMinutes(2);

        var report = await new FuzzRun(client, new FuzzRequests(document, world, seed), world, document).Run(count, concurrency: 4, CancellationToken.None);

        var summary = $"fuzz run: seed {seed}\n" + report.Summary(document.All.Select(o => o.Name));
        output.WriteLine(summary);
        await File.WriteAllTextAsync(HeadlessChromium.Artefact("fuzz-summary.txt"), summary);
        Assert.True(document.All.Count >= 60, $"the document lists {document.All.Count} operations");
        Assert.True(report.ByOperation.Count == document.All.Count, $"every operation was sent to ({report.ByOperation.Count} of {document.All.Count})");
        Assert.True(report.Findings.IsEmpty, summary);
    }

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : fallback;
}
