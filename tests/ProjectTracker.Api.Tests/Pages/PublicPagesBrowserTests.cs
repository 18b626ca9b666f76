using System.Net;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using ProjectTracker.Api.Tests.Support;

namespace ProjectTracker.Api.Tests.Pages;

/// <summary>
/// The public pages in Debian's chromium, headless, at a phone's width (390 px) and a wall screen's (1920 px): a person
/// browses the overview, searches with the keyboard and opens a project; axe-core finds nothing serious or critical, the
/// content policy refuses nothing, and no page scrolls sideways. Screenshots are kept in TestResults/artefacts.</summary>
public sealed class PublicPagesBrowserTests(PagesApp app) : IClassFixture<PagesApp>
{
    [Theory]
    [InlineData(390, 844)]
    [InlineData(1920, 1080)]
    public async Task A_person_browses_the_overview_searches_by_keyboard_and_opens_a_project(int width, int height)
    {
        var clusterName = $"洛北组团{width}";
        var cluster = await app.NewCluster(clusterName);
        var name = $"洛北快速路{Scenario.Next()}";
        var district = await app.NewOutlinedDistrict($"洛北区{width}");
        var project = await app.NewProject(b => (b["cluster"], b["name"], b["targetYear"], b["category"], b["location"]) = (cluster, name, 2026, "expressway", PagesApp.Road), district);
        var id = project.Str("id");
        var approval = await app.Milestone(id, "立项", "approval", PagesApp.Today.AddDays(-60));
        await app.Complete(id, approval.Str("id"), PagesApp.Today.AddDays(-58));
        await app.Milestone(id, "开工", "groundbreaking", PagesApp.Today.AddDays(-5));
        await app.Milestone(id, "竣工验收", "completion", new DateOnly(2026, 12, 20));
        await app.Progress(id, 18m);
        await app.ApprovedPlanChange(id, new { totalInvestment = 140000m }, "增设互通立交一处", "洛发改〔2026〕31号");
        await using var chromium = await HeadlessChromium.Start(width, height);
        var page = chromium.Page;

        var overview = await page.GotoAsync($"{app.BaseAddress}public");
        Assert.Equal((int)HttpStatusCode.OK, overview?.Status);
        Assert.Equal("重点项目建设情况", (await page.Locator("h1").InnerTextAsync()).Trim());
        Assert.True(await page.Locator("caption", new PageLocatorOptions { HasText = "各组团项目灯色、开工率与按期竣工率" }).IsVisibleAsync());
        Assert.True(await page.Locator("th[scope=row]", new PageLocatorOptions { HasText = clusterName }).IsVisibleAsync());
        Assert.True(await page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = name }).IsVisibleAsync(), "this year's completions list the project");
        await Check(page, $"public-overview-{width}");

        // The map: the district's outline, the road drawn on it, a click opens the project.
        await page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "项目地图", Exact = true }).ClickAsync();
        await Follow(page, () => page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = $"洛北区{width}" }).ClickAsync(), $"**/public/map?district={district}");
        var shape = page.Locator($"svg a[href=\"/public/projects/{id}\"]");
        var box = await shape.BoundingBoxAsync();
        Assert.True(box is { Width: > 20 }, "the road is drawn at a size one can click");
        await Check(page, $"public-map-{width}");
        await Follow(page, () => shape.ClickAsync(), $"**/public/projects/{id}");
        Assert.Equal(name, (await page.Locator("h1").InnerTextAsync()).Trim());
        await page.GotoAsync($"{app.BaseAddress}public");

        // Keyboard only: the skip link comes first and shows where focus is; the search box is next in the main content.
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("跳到正文", await page.EvaluateAsync<string>("() => document.activeElement.textContent.trim()"));
        Assert.NotEqual("none", await page.EvaluateAsync<string>("() => getComputedStyle(document.activeElement).outlineStyle"));
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("q", await page.EvaluateAsync<string>("() => document.activeElement.id"));
        await page.Keyboard.TypeAsync(name);
        await Follow(page, () => page.Keyboard.PressAsync("Enter"), "**/public/search?q=*");
        Assert.Contains("共 1 个项目", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await Check(page, $"public-search-{width}");

        await page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = name }).FocusAsync();
        await Follow(page, () => page.Keyboard.PressAsync("Enter"), $"**/public/projects/{id}");
        Assert.Equal(name, (await page.Locator("h1").InnerTextAsync()).Trim());
        var steps = page.Locator("ol.timeline > li");
        Assert.Equal(3, await steps.CountAsync());
        Assert.Contains("已完成，比基准晚 2 天", await steps.Nth(0).InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("预计比基准晚", await steps.Nth(1).InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(18, await page.Locator("progress").EvaluateAsync<int>("p => p.value"));
        var change = await page.Locator("ol.changes > li").InnerTextAsync();
        Assert.Contains("增设互通立交一处", change, StringComparison.Ordinal);
        Assert.Contains("125,000.5 万元 → 140,000 万元", change, StringComparison.Ordinal);
        await Check(page, $"public-project-{width}");

        // A message left with the keyboard: shown only once the city office publishes it, with the unit's reply.
        var said = $"建议增设人行天桥{width}";
        await page.Locator("#message").FocusAsync();
        await page.Keyboard.TypeAsync(said);
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("contact", await page.EvaluateAsync<string>("() => document.activeElement.id"));
        await page.Keyboard.TypeAsync("13800000000");
        await page.Keyboard.PressAsync("Tab");
        await Follow(page, () => page.Keyboard.PressAsync("Enter"), $"**/public/projects/{id}?sent=1#feedback");
        Assert.True(await page.GetByRole(AriaRole.Status).IsVisibleAsync(), "the page says the message awaits review");
        Assert.Equal(0, await page.Locator("ol.messages > li", new PageLocatorOptions { HasText = said }).CountAsync());
        var pending = await (await app.Admin.GetAsync($"/api/v1/feedback?projectId={id}&status=pending-review")).Expect(HttpStatusCode.OK);
        var feedbackId = Assert.Single(pending.GetProperty("items").EnumerateArray()).Str("id");
        await (await app.Admin.PostJson($"/api/v1/feedback/{feedbackId}/publish", new { })).Expect(HttpStatusCode.OK);
        await (await app.Admin.PostJson($"/api/v1/feedback/{feedbackId}/reply", new { text = "已纳入下阶段设计。" })).Expect(HttpStatusCode.OK);
        await page.ReloadAsync();
        var message = page.Locator("ol.messages > li");
        Assert.Contains(said, await message.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("已纳入下阶段设计。", await message.Locator(".reply").InnerTextAsync(), StringComparison.Ordinal);
        await Check(page, $"public-feedback-{width}");
        Assert.Empty(chromium.Errors);
    }

    /// <summary>
    /// Waits from before the step that navigates: WaitForURLAsync after it can miss a navigation that lands while it
    /// compares the address (seen under load: the page had loaded, the wait ran out 30 s later).</summary>
    private static async Task Follow(IPage page, Func<Task> step, string url)
    {
        var arrived = page.WaitForURLAsync(url);
        await step();
        await arrived;
    }

    /// <summary>No serious or critical axe-core violation, nothing wider than the screen, and a full-page screenshot kept.</summary>
    private static async Task Check(IPage page, string name)
    {
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = HeadlessChromium.Artefact($"{name}.png"), FullPage = true });
        var axe = await page.RunAxe();
        var serious = axe.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(" | ", v.Nodes.Select(n => n.Html))}")
            .ToList();
        Assert.Empty(serious);
        var (scrollWidth, innerWidth) = (await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth"), await page.EvaluateAsync<int>("() => window.innerWidth"));
        Assert.True(scrollWidth <= innerWidth, $"{name}: the page is {scrollWidth} px wide on a {innerWidth} px screen");
    }
}
