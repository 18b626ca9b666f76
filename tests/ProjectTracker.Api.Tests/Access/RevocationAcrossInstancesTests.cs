using System.Net;
using ProjectTracker.Api.Tests.Support;

namespace ProjectTracker.Api.Tests.Access;

/// <summary>Two API instances on one database, as behind a load balancer: a key revoked on one is refused by the other.</summary>
[Collection(ApiCollection.Name)]
public sealed class RevocationAcrossInstancesTests(TrackerApp app) : IAsyncLifetime
{
    private readonly Scenario given = new(app);
    private readonly ApiHost other = new(app.ConnectionString);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await other.DisposeAsync();

    [Fact]
    public async Task A_key_revoked_on_one_instance_is_refused_by_another_that_had_just_accepted_it()
    {
        var key = await given.IssueKey("reader");
        var elsewhere = other.Client(key.Secret);
        // The other instance has now seen (and may remember) the key.
        await (await elsewhere.GetAsync("/api/v1/districts")).Expect(HttpStatusCode.OK);
        await (await elsewhere.GetAsync("/api/v1/districts")).Expect(HttpStatusCode.OK);

        await (await given.Admin.DeleteAsync($"/api/v1/api-keys/{key.Id}")).Expect(HttpStatusCode.NoContent);

        // The revocation reaches the other node as a PostgreSQL notification when it commits: within milliseconds.
        var refused = await Eventually(async () => (await elsewhere.GetAsync("/api/v1/districts")).StatusCode == HttpStatusCode.Unauthorized);
        Assert.True(refused, "The other instance still accepted the revoked key after 5 seconds.");
    }

    private static async Task<bool> Eventually(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(10);
        }

        return false;
    }
}
