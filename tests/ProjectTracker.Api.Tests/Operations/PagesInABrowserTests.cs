using System.Net;
using Microsoft.Playwright;
using ProjectTracker.Api.Tests.Support;

namespace ProjectTracker.Api.Tests.Operations;

/// <summary>The API's own HTML pages work in a real browser under the content security policy every answer carries.</summary>
[Collection(ApiCollection.Name)]
public sealed class PagesInABrowserTests(TrackerApp app)
{
    [Fact]
    public async Task Swagger_ui_lists_the_operations_and_nothing_is_refused()
    {
        await using var chromium = await HeadlessChromium.Start();

        var response = await chromium.Page.GotoAsync($"{app.Client().BaseAddress}swagger/index.html");
        await chromium.Page.Locator(".opblock").First.WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });

        Assert.Equal((int)HttpStatusCode.OK, response?.Status);
        Assert.True(await chromium.Page.Locator(".opblock").CountAsync() > 50, "every operation is listed");
        Assert.Empty(chromium.Errors);
    }

    [Fact]
    public async Task The_job_dashboard_opens_with_its_scripts_and_nothing_is_refused()
    {
        await using var chromium = await HeadlessChromium.Start();

        var response = await chromium.Page.GotoAsync($"{app.Client().BaseAddress}hangfire/recurring?api_key={TrackerApp.AdminKey}");
        await chromium.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        Assert.Equal((int)HttpStatusCode.OK, response?.Status);
        Assert.Contains("slip-scan", await chromium.Page.ContentAsync(), StringComparison.Ordinal);
        Assert.Empty(chromium.Errors);
    }
}
