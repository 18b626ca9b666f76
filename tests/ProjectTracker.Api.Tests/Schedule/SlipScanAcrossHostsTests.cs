using System.Net;
using ProjectTracker.Api.Tests.Support;

namespace ProjectTracker.Api.Tests.Schedule;

/// <summary>Two API hosts on one database (the second with the same test clock), scanning at the same moment.</summary>
[Collection(ApiCollection.Name)]
public sealed class SlipScanAcrossHostsTests(TrackerApp app) : IAsyncLifetime
{
    private readonly Scenario given = new(app);
    private readonly ApiHost other = new(app.ConnectionString, app.Clock);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await other.DisposeAsync();

    [Fact]
    public async Task Two_hosts_scanning_at_once_record_each_change_of_light_once()
    {
        var id = await given.ReportingProject();
        await given.NewMilestone(id, TrackerApp.Today.AddDays(-5), isKey: true);
        await given.NewMilestone(id, TrackerApp.Today.AddDays(-2), isKey: false);
        var here = app.Client();
        var there = other.Client(TrackerApp.AdminKey);

        var scans = await Task.WhenAll(Enumerable.Range(0, 3).SelectMany(_ => new[]
        {
            here.PostAsync("/api/v1/jobs/slip-scan", null),
            there.PostAsync("/api/v1/jobs/slip-scan", null),
        }));

        foreach (var scan in scans)
        {
            await scan.Expect(HttpStatusCode.OK);
        }

        var history = await given.Admin.History(id);
        Assert.Equal(2, history.OfType("milestone-slip-flagged").Length);
        Assert.Single(history.OfType("project-rag-changed"));
        Assert.Equal(7, history.Length);
    }
}
