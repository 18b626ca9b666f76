using System.Net;
using System.Text.Json;
using ProjectTracker.Api.Tests.Support;

namespace ProjectTracker.Api.Tests.Access;

/// <summary>The configured admin key across restarts, on a database of its own (revoking the suite's key would stop every other test).</summary>
public sealed class BootstrapAdminKeyTests
{
    private const string BootstrapKeyPath = "/api/v1/api-keys/00000000-0000-0000-0000-00000000ad01";

    [Fact]
    public async Task A_revoked_bootstrap_key_stays_revoked_after_a_restart_with_the_same_setting()
    {
        await using var database = await TestDatabase.Create("pt_boot");
        string secondAdmin;
        await using (var first = new ApiHost(database.ConnectionString))
        {
            var created = await (await first.Client().PostJson("/api/v1/api-keys", new { name = "运维备用", role = "admin" })).Expect(HttpStatusCode.Created);
            secondAdmin = created.Str("key");
            await (await first.Client(secondAdmin).DeleteAsync(BootstrapKeyPath)).Expect(HttpStatusCode.NoContent);
            await (await first.Client().GetAsync("/api/v1/districts")).ExpectProblem(HttpStatusCode.Unauthorized);
        }

        await using var restarted = new ApiHost(database.ConnectionString);

        await (await restarted.Client().GetAsync("/api/v1/districts")).ExpectProblem(HttpStatusCode.Unauthorized);
        var keys = await (await restarted.Client(secondAdmin).GetAsync("/api/v1/api-keys")).Expect(HttpStatusCode.OK);
        var bootstrap = Assert.Single(keys.EnumerateArray(), k => k.Str("name") == "bootstrap-admin");
        Assert.Equal(JsonValueKind.String, bootstrap.GetProperty("revokedAt").ValueKind);
    }

    [Fact]
    public async Task A_new_secret_in_the_setting_gives_a_working_bootstrap_key_again()
    {
        await using var database = await TestDatabase.Create("pt_boot");
        await using (var first = new ApiHost(database.ConnectionString))
        {
            var created = await (await first.Client().PostJson("/api/v1/api-keys", new { name = "运维备用", role = "admin" })).Expect(HttpStatusCode.Created);
            await (await first.Client(created.Str("key")).DeleteAsync(BootstrapKeyPath)).Expect(HttpStatusCode.NoContent);
        }

        const string newSecret = "pt_test_rotated_bootstrap_admin_key";
        await using var restarted = new ApiHost(database.ConnectionString, settings: new Dictionary<string, string> { ["Auth:BootstrapAdminKey"] = newSecret });

        await (await restarted.Client(newSecret).GetAsync("/api/v1/districts")).Expect(HttpStatusCode.OK);
        await (await restarted.Client().GetAsync("/api/v1/districts")).ExpectProblem(HttpStatusCode.Unauthorized);
    }
}
