using System.Net;
using Npgsql;
using ProjectTracker.Api.Tests.Support;

namespace ProjectTracker.Api.Tests.Operations;

// A database written before plan changes existed: its stored projects know no original plan, and no plan change view
// lists its rebaseline requests. The next start rebuilds them from the events, which never change.
public sealed class ProjectionShapeTests
{
    [Fact]
    public async Task Projects_stored_before_plan_changes_get_their_original_plan_and_list_their_rebaselines_after_a_restart()
    {
        await using var database = await TestDatabase.Create("pt_shape");
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(TrackerApp.Now.ToUniversalTime()) { AutoAdvanceAmount = TimeSpan.FromMilliseconds(1) };
        string projectId;
        string requestId;
        await using (var before = new ApiHost(database.ConnectionString, clock))
        {
            var given = new Scenario(before);
            var project = await given.NewProject();
            projectId = project.Str("id");
            var milestone = await given.NewMilestone(projectId, TrackerApp.Today.AddDays(30), isKey: true);
            var asker = before.Client(await given.NewKey("admin"));
            var asked = await (await asker.PostJson($"/api/v1/projects/{projectId}/rebaseline-requests",
                new { reason = "征地拆迁延后", changes = new[] { new { milestoneId = milestone.Str("id"), newBaselineDate = TrackerApp.Today.AddDays(50) } } })).Expect(HttpStatusCode.Created);
            requestId = asked.Str("id");
            await (await given.Admin.PostJson($"/api/v1/rebaseline-requests/{requestId}/approve", new { })).Expect(HttpStatusCode.OK);
        }

        await Forget(database.ConnectionString, """
            update tracker.mt_doc_project set data = data - 'originalPlan' - 'planChanges' - 'daysMovedAbsolute';
            delete from tracker.mt_doc_planchangeview;
            delete from tracker.mt_doc_projectionshape;
            """);

        await using var after = new ApiHost(database.ConnectionString, clock);
        var admin = after.Client(ApiHost.AdminKey);
        var rebuilt = await admin.GetProject(projectId);
        var listed = await (await admin.GetAsync($"/api/v1/plan-changes?projectId={projectId}")).Expect(HttpStatusCode.OK);

        Assert.Equal(125000.5m, rebuilt.GetProperty("originalPlan").GetProperty("totalInvestment").GetDecimal());
        Assert.Equal(TrackerApp.Today.AddDays(30).Iso(), rebuilt.GetProperty("originalPlan").GetProperty("keyMilestones")[0].Str("baselineDate"));
        var counts = rebuilt.GetProperty("planChanges");
        Assert.Equal((1, 20, 20), (counts.GetProperty("approved").GetInt32(), counts.GetProperty("daysMovedAbsolute").GetInt32(), counts.GetProperty("daysMovedNet").GetInt32()));
        var change = Assert.Single(listed.GetProperty("items").EnumerateArray());
        Assert.Equal((requestId, "rebaseline", "approved"), (change.Str("id"), change.Str("kind"), change.Str("status")));
    }

    private static async Task Forget(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
