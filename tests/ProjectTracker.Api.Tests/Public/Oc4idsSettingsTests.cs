using System.Net;
using ProjectTracker.Api.Tests.Support;

namespace ProjectTracker.Api.Tests.Public;

/// <summary>The package's metadata comes from configuration; a node of its own, on an empty database.</summary>
public sealed class Oc4idsSettingsTests : IAsyncLifetime
{
    private readonly TestDatabase database = new("pt_public");
    private ApiHost host = null!;

    public async Task InitializeAsync()
    {
        await database.Create();
        host = new ApiHost(database.ConnectionString, settings: new Dictionary<string, string>
        {
            ["PublicData:ProjectIdPrefix"] = "oc4ids-qu8r7p",
            ["PublicData:PublisherName"] = "洛阳市重点项目办公室",
            ["PublicData:License"] = "https://creativecommons.org/licenses/by/4.0/",
            ["PublicData:PublicationPolicy"] = "https://data.example.gov.cn/oc4ids/policy",
            ["PublicData:BaseUrl"] = "https://data.example.gov.cn/tracker/",
        });
        host.StartServer();
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task The_package_introduces_itself_as_configured()
    {
        var anonymous = host.Client(apiKey: null);
        var empty = await (await anonymous.GetAsync("/api/v1/public/oc4ids")).Expect(HttpStatusCode.OK);
        var given = new Scenario(host);
        var project = await given.NewPublicProject();

        var (_, text) = await anonymous.GetText("/api/v1/public/oc4ids");

        Assert.Empty(empty.GetProperty("projects").EnumerateArray());
        var package = System.Text.Json.JsonDocument.Parse(text).RootElement;
        Assert.Equal("https://data.example.gov.cn/tracker/api/v1/public/oc4ids", package.Str("uri"));
        Assert.Equal("洛阳市重点项目办公室", package.GetProperty("publisher").Str("name"));
        Assert.Equal("https://creativecommons.org/licenses/by/4.0/", package.Str("license"));
        Assert.Equal("https://data.example.gov.cn/oc4ids/policy", package.Str("publicationPolicy"));
        Assert.Equal($"oc4ids-qu8r7p-{project.Str("code")}", Assert.Single(package.GetProperty("projects").EnumerateArray()).Str("id"));
        var errors = await PublicTestKit.Oc4idsErrors(text);
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
    }

    [Fact]
    public async Task A_licence_that_is_not_an_absolute_uri_stops_the_start()
    {
        await using var misconfigured = new ApiHost(database.ConnectionString, settings: new Dictionary<string, string>
        {
            ["PublicData:License"] = "CC BY 4.0",
        });

        var failure = Assert.ThrowsAny<Exception>(misconfigured.StartServer);

        Assert.Contains("PublicData", failure.ToString(), StringComparison.Ordinal);
    }
}
