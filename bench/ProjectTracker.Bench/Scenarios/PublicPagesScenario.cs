using System.Globalization;
using System.Net;
using System.Text;

namespace ProjectTracker.Bench.Scenarios;

// The public pages (issue 19) without a key on the slip scan's portfolio (a third public): the overview, a late page of
// a search every public name matches, a search by code, a project's page and the map of the whole city and of one
// district (the public projects located for it by PublicMapPlaces), timed by PortfolioViewsScenario.TimeEach; the
// GeoJSON of every public project is timed for information.
public sealed class PublicPagesScenario : IJobScenario
{
    public const string Title = "public pages";

    public string Name => Title;

    public async Task<JobReport> RunAsync(BenchContext context, Processes processes, TextWriter progress, CancellationToken ct)
    {
        var options = context.Options;
        var inv = CultureInfo.InvariantCulture;
        void Log(string message) => progress.WriteLine("[bench] public pages: " + message);

        var seededHere = await PortfolioViewsScenario.SeedUnlessScanned(context, processes, Log, ct);
        var (project, code, publicProjects) = await OnePublicProject(context, ct);
        Log("locating the public projects on the map (untimed) …");
        var placed = await PublicMapPlaces.PlaceAsync(context, ct);
        Log(PublicMapPlaces.Describe(placed));
        var lastSearchPage = Math.Max(1, (publicProjects + 19) / 20);
        (string Label, string Path)[] pages =
        [
            ("overview", "public"),
            ("search, a late page", string.Create(inv, $"public/search?q={Uri.EscapeDataString("巡检")}&page={Math.Max(1, lastSearchPage - 1)}")),
            ("search by a code", $"public/search?q={Uri.EscapeDataString(code)}"),
            ("project page", $"public/projects/{project}"),
            ("map, whole city", "public/map"),
            ("map, one district", $"public/map?district={PublicMapPlaces.OneDistrict}"),
        ];
        (string Label, string Path)[] forInformation = [("GeoJSON of every public project", "api/v1/public/geojson")];

        // No key: the public's path through the app (no key lookup), as a browser asks.
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false, UseCookies = false, AutomaticDecompression = DecompressionMethods.None })
        {
            BaseAddress = options.ApiUrl,
            Timeout = TimeSpan.FromMinutes(5),
        };

        var text = new StringBuilder();
        text.AppendLine(inv, $"Public pages: GET of each page without a key, 2 untimed, then {options.ViewsRuns} timed one after another with nothing written and {options.ViewsRuns} each just after a write, "
            + $"on the slip scan's portfolio ({options.ScanProjects:N0} projects, {publicProjects:N0} of them public, and the other scenarios' projects)");
        text.AppendLine();
        if (seededHere is not null)
        {
            text.AppendLine(inv, $"Note:       {seededHere}.");
        }

        text.AppendLine(inv, $"Located:    {PublicMapPlaces.Describe(placed)}.");
        text.AppendLine();
        var (table, verdicts, first) = await PortfolioViewsScenario.TimeEach(context, processes, http, "page", pages, project, options.PublicTarget, Log, ct);
        text.Append(table);
        var (information, _, _) = await PortfolioViewsScenario.TimeEach(context, processes, http, "for information", forInformation, project, target: null, Log, ct);
        text.AppendLine();
        text.Append(information);
        text.AppendLine(string.Create(inv, $"(first request, untimed: overview {first.TotalMilliseconds:F0} ms; the overview reads the portfolio each node keeps judged, so "
            + $"after a start it judges every project once)"));
        text.AppendLine("(client wall time per request, one at a time, no key; CPU per request, mean; just after a write: a progress report POSTed to the project whose page is "
            + "timed, before each GET, untimed)");
        var cleared = await PublicMapPlaces.ClearAsync(context, ct);
        text.AppendLine(inv, $"(then every location was taken off again, untimed, in {cleared.TotalSeconds:F1} s, so the later scenarios read the portfolio as the slip scan seeded it)");
        text.AppendLine();
        return new JobReport(text.ToString(), verdicts);
    }

    private static async Task<(Guid Id, string Code, int PublicProjects)> OnePublicProject(BenchContext context, CancellationToken ct)
    {
        const string Public = "(data -> 'profile' ->> 'isPublic')::boolean and data ->> 'status' <> 'cancelled'";
        await using var command = context.Db.CreateCommand(
            $"select id, data ->> 'code', (select count(*) from {ProjectGet.DocumentTable} where {Public}) from {ProjectGet.DocumentTable} "
            + $"where {Public} and data ->> 'status' = 'active' order by id limit 1");
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            throw new InvalidOperationException("no active public project: the slip scan's portfolio makes every third project public");
        }

        return (reader.GetGuid(0), reader.GetString(1), (int)reader.GetInt64(2));
    }
}
