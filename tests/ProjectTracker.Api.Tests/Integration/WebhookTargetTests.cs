using System.Net;
using ProjectTracker.Api.Tests.Support;

namespace ProjectTracker.Api.Tests.Integration;

/// <summary>On a node with the default settings, a hook cannot be aimed at the node itself or a link-local address.</summary>
[Collection(ApiCollection.Name)]
public sealed class WebhookTargetTests(TrackerApp app)
{
    private readonly Scenario given = new(app);

    [Theory]
    [InlineData("http://127.0.0.1:9/x")]
    [InlineData("http://127.1.2.3/x")]
    [InlineData("http://localhost:5080/api/v1/api-keys")]
    [InlineData("http://LOCALHOST./x")]
    [InlineData("http://api.localhost/x")]
    [InlineData("http://169.254.169.254/latest/meta-data")]
    [InlineData("http://0.0.0.0/x")]
    [InlineData("http://[::1]/x")]
    [InlineData("http://[fe80::1]/x")]
    [InlineData("http://[::ffff:127.0.0.1]/x")]
    [InlineData("http://[::127.0.0.1]/x")]
    [InlineData("http://[::ffff:0:127.0.0.1]/x")]
    [InlineData("http://[64:ff9b::7f00:1]/x")]
    [InlineData("http://[64:ff9b:1::7f00:1]/x")]
    [InlineData("http://[2002:7f00:1::]/x")]
    [InlineData("http://[2002:a9fe:a9fe::1]/latest/meta-data")]
    [InlineData("http://[2001:0:4136:e378:8000:63bf:80ff:fffe]/x")]
    [InlineData("http://0.0.0.1/x")]
    [InlineData("http://0.1.2.3:8080/x")]
    [InlineData("http://[ff02::1]/x")]
    [InlineData("http://224.0.0.1/x")]
    [MemberData(nameof(ThisMachine))]
    public async Task A_hook_aimed_at_this_machine_or_a_link_local_address_is_a_400_on_url(string url)
    {
        var district = app.Client(await given.NewKey("district", await given.NewDistrict()));

        foreach (var client in new[] { given.Admin, district })
        {
            var problem = await (await client.PostJson("/api/v1/webhooks", new { url })).ExpectProblem(HttpStatusCode.BadRequest, "url");

            Assert.Contains("Webhooks:AllowLocalTargets", problem.GetProperty("errors").GetProperty("url")[0].GetString(), StringComparison.Ordinal);
        }
    }

    /// <summary>The machine's host name, which resolves to every interface's address, and each of those addresses.</summary>
    public static TheoryData<string> ThisMachine()
    {
        var urls = new TheoryData<string> { $"http://{Dns.GetHostName()}:5080/x", $"http://{Dns.GetHostName().ToUpperInvariant()}./x" };
        foreach (var address in LocalNames.OwnAddresses().Where(a => !a.IsIPv6LinkLocal))
        {
            urls.Add(new UriBuilder("http", address.ToString(), 8080, "/x").Uri.ToString());
        }

        return urls;
    }

    [Theory]
    [InlineData("http://10.20.30.40/hooks")]
    [InlineData("https://192.168.1.10/hooks")]
    [InlineData("https://hooks.example.gov.cn/projecttracker")]
    public async Task A_hook_on_the_intranet_or_a_named_host_is_accepted(string url)
    {
        var created = await (await given.Admin.PostJson("/api/v1/webhooks", new { url })).Expect(HttpStatusCode.Created);

        await (await given.Admin.DeleteAsync($"/api/v1/webhooks/{created.Str("id")}")).Expect(HttpStatusCode.NoContent);
    }
}
