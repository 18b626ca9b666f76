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
    public async Task A_hook_aimed_at_this_machine_or_a_link_local_address_is_a_400_on_url(string url)
    {
        var district = app.Client(await given.NewKey("district", await given.NewDistrict()));

        foreach (var client in new[] { given.Admin, district })
        {
            var problem = await (await client.PostJson("/api/v1/webhooks", new { url })).ExpectProblem(HttpStatusCode.BadRequest, "url");

            Assert.Contains("Webhooks:AllowLocalTargets", problem.GetProperty("errors").GetProperty("url")[0].GetString(), StringComparison.Ordinal);
        }
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
