using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using ProjectTracker.Api.Features.Pages;
using ProjectTracker.Api.Tests.Support;

namespace ProjectTracker.Api.Tests.Pages;

/// <summary>The public pages (规划馆) over real HTTP: what they count and show, and what they never show.</summary>
public sealed class PublicPagesTests(PagesApp app) : IClassFixture<PagesApp>
{
    [Fact]
    public async Task The_overview_counts_only_public_projects_by_cluster_and_category_and_lists_this_years_completions()
    {
        var cluster = await app.NewCluster($"伊滨组团{Scenario.Next()}");
        var red = await app.NewProject(b => (b["cluster"], b["name"], b["targetYear"]) = (cluster, "伊河大桥", 2026));
        await app.Milestone(red.Str("id"), "开工", "groundbreaking", PagesApp.Today.AddDays(-10));
        await app.Milestone(red.Str("id"), "竣工验收", "completion", new DateOnly(2026, 11, 30));
        var green = await app.NewProject(b => (b["cluster"], b["name"], b["category"]) = (cluster, "伊滨口袋公园", "pocket-park"));
        var started = await app.Milestone(green.Str("id"), "开工", "groundbreaking", PagesApp.Today.AddDays(-3));
        await app.Complete(green.Str("id"), started.Str("id"), PagesApp.Today.AddDays(-3));
        await app.NewProject(b => (b["cluster"], b["name"], b["isPublic"], b["targetYear"]) = (cluster, "未公开的项目", false, 2026));

        var (response, html) = await app.Page("/public");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        var page = PagesApp.Squeezed(html);
        // 组团, 项目数, 红灯, 黄灯, 绿灯, 总投资, 开工率 (one of two groundbreakings done).
        Assert.Matches($"<th scope=\"row\"><bdi>伊滨组团\\d+</bdi></th><td class=\"num\">2</td><td class=\"num\">1</td><td class=\"num\">0</td><td class=\"num\">1</td><td class=\"num\">250,001 万元</td><td class=\"num\">50.0%</td>", page);
        Assert.Contains("<th scope=\"row\"><bdi>小游园</bdi></th><td class=\"num\">1</td>", page, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"/public/projects/{red.Str("id")}\"><bdi>伊河大桥</bdi></a>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("未公开的项目", html, StringComparison.Ordinal);
        Assert.Equal(PublicSite.PublicCache, response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task Search_finds_public_projects_by_part_of_the_name_or_the_code_twenty_to_a_page()
    {
        var word = $"搜{Scenario.Next()}";
        var district = await app.Given.NewDistrict("偃师区");
        var made = new List<string>();
        for (var i = 0; i < 23; i++)
        {
            made.Add((await app.NewProject(b => b["name"] = $"{word}道路{i:D2}", district)).Str("code"));
        }

        await app.NewProject(b => (b["name"], b["isPublic"]) = ($"{word}内部项目", false), district);

        var (_, first) = await app.Page($"/public/search?q={Uri.EscapeDataString(word)}");
        var (_, second) = await app.Page($"/public/search?q={Uri.EscapeDataString(word)}&page=2");
        var (_, byCode) = await app.Page($"/public/search?q={made[7][^6..]}");
        var (_, pastTheEnd) = await app.Page($"/public/search?q={Uri.EscapeDataString(word)}&page=99");

        Assert.Contains("共 23 个项目", first, StringComparison.Ordinal);
        Assert.Equal(20, Regex.Count(first, "<li>\\s*<h3><a href=\"/public/projects/"));
        Assert.Equal(3, Regex.Count(second, "<li>\\s*<h3><a href=\"/public/projects/"));
        Assert.Contains("第 2 页，共 2 页", second, StringComparison.Ordinal);
        Assert.Contains($"{word}道路07", byCode, StringComparison.Ordinal);
        Assert.Contains("共 1 个项目", byCode, StringComparison.Ordinal);
        Assert.Contains("第 2 页，共 2 页", pastTheEnd, StringComparison.Ordinal);
        Assert.DoesNotContain("内部项目", first + second, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_projects_page_shows_its_timeline_progress_and_approved_plan_changes_with_their_reasons()
    {
        var project = await app.NewProject(b => b["name"] = "瀍河综合治理");
        var id = project.Str("id");
        var approval = await app.Milestone(id, "立项", "approval", PagesApp.Today.AddDays(-40));
        await app.Complete(id, approval.Str("id"), PagesApp.Today.AddDays(-35));
        var start = await app.Milestone(id, "开工", "groundbreaking", PagesApp.Today.AddDays(20));
        await app.Progress(id, 35m);
        await app.ApprovedPlanChange(id, new { baselines = new[] { new { milestoneId = start.Str("id"), newBaselineDate = PagesApp.Today.AddDays(50) } } }, "雨季汛期施工受限", "洛发改〔2026〕88号");
        await (await app.Admin.PostJson($"/api/v1/projects/{id}/plan-changes", new { reason = "待审的投资调整", changes = new { totalInvestment = 200000m } })).Expect(HttpStatusCode.Created);

        var (response, html) = await app.Page($"/public/projects/{id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = PagesApp.Squeezed(html);
        Assert.Contains("<h1><bdi>瀍河综合治理</bdi></h1>", page, StringComparison.Ordinal);
        Assert.Contains("<progress id=\"percent\" max=\"100\" value=\"35\">35.0%</progress>", page, StringComparison.Ordinal);
        Assert.Contains($"<dt>基准</dt><dd>{PagesApp.Today.AddDays(-40):yyyy-MM-dd}</dd></div><div><dt>实际</dt><dd>{PagesApp.Today.AddDays(-35):yyyy-MM-dd}</dd>", page, StringComparison.Ordinal);
        Assert.Contains("已完成，比基准晚 5 天", page, StringComparison.Ordinal);
        Assert.Contains($"<dt>基准</dt><dd>{PagesApp.Today.AddDays(50):yyyy-MM-dd}</dd></div><div><dt>预计</dt>", page, StringComparison.Ordinal);
        Assert.Contains("理由：<bdi>雨季汛期施工受限</bdi>", page, StringComparison.Ordinal);
        Assert.Contains("文号：<bdi>洛发改〔2026〕88号</bdi>", page, StringComparison.Ordinal);
        Assert.Contains($"<li><bdi>开工 基准日期：{PagesApp.Today.AddDays(20):yyyy-MM-dd} → {PagesApp.Today.AddDays(50):yyyy-MM-dd}</bdi></li>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("待审的投资调整", html, StringComparison.Ordinal);
        Assert.DoesNotContain("pm@example.gov.cn", html, StringComparison.Ordinal);
        Assert.DoesNotContain("张三", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_map_draws_public_projects_over_the_districts_outlines_each_a_link_to_its_page()
    {
        var district = await app.NewOutlinedDistrict($"涧西区{Scenario.Next()}");
        var road = await app.NewProject(b => (b["name"], b["location"]) = ("涧西大道", PagesApp.Road), district);
        var site = await app.NewProject(b => (b["name"], b["location"]) = ("涧西片区", JsonDocument.Parse("""{"type":"Point","coordinates":[112.5,34.65]}""").RootElement), district);
        await app.NewProject(b => (b["name"], b["location"], b["isPublic"]) = ("涧西内部", PagesApp.Road, false), district);
        await app.NewProject(b => b["name"] = "涧西未标注", district);

        var (response, html) = await app.Page($"/public/map?district={district}");
        var (_, city) = await app.Page("/public/map");
        var (_, project) = await app.Page($"/public/projects/{road.Str("id")}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = PagesApp.Squeezed(html);
        Assert.Matches("<path class=\"district\" d=\"M[0-9. LZ]+\"", page);
        Assert.Matches($"<a href=\"/public/projects/{road.Str("id")}\" aria-label=\"涧西大道（绿灯）\"><title>涧西大道（绿灯）</title><path class=\"shape line rag-green\" d=\"M[0-9.]+ [0-9.]+L[0-9.]+ [0-9.]+\"", page);
        Assert.Contains($"<a href=\"/public/projects/{site.Str("id")}\"", page, StringComparison.Ordinal);
        Assert.Contains("shape point rag-green", page, StringComparison.Ordinal);
        Assert.DoesNotContain("涧西内部", html, StringComparison.Ordinal);
        Assert.Contains("2 个项目已标注位置，1 个尚未标注", html, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"/public/projects/{road.Str("id")}\"", city, StringComparison.Ordinal);
        Assert.Matches("<svg viewBox=\"[0-9. ]+\" role=\"img\" aria-labelledby=\"place-caption\"><path class=\"district\" d=\"M[^\"]+\"[^<]*(</path>)?<path class=\"place line\"", PagesApp.Squeezed(project));
    }

    [Fact]
    public async Task The_map_shows_a_project_where_and_as_it_is_now_after_it_is_moved_and_renamed()
    {
        var district = await app.NewOutlinedDistrict($"洛龙区{Scenario.Next()}");
        var site = await app.NewProject(b => (b["name"], b["location"]) = ("龙门站片区", JsonDocument.Parse("""{"type":"Point","coordinates":[112.45,34.62]}""").RootElement), district);
        var id = site.Str("id");
        string Drawn(string html) =>
            Regex.Match(PagesApp.Squeezed(html), $"<a href=\"/public/projects/{id}\" aria-label=\"([^\"]+)\"><title>[^<]+</title><path class=\"shape point rag-green\" d=\"([^\"]+)\"") is { Success: true } m
                ? $"{m.Groups[1].Value} {m.Groups[2].Value}"
                : "not drawn";
        var before = Drawn((await app.Page("/public/map")).Html);
        Assert.Equal(before, Drawn((await app.Page("/public/map")).Html));

        await (await app.Admin.PatchJson($"/api/v1/projects/{id}", new { name = "龙门站交通枢纽", location = new { type = "Point", coordinates = new[] { 112.55, 34.68 } } })).Expect(HttpStatusCode.OK);
        var (_, city) = await app.Page("/public/map");

        var after = Drawn(city);
        Assert.StartsWith("龙门站交通枢纽（绿灯） M", after, StringComparison.Ordinal);
        Assert.NotEqual(before.Split(' ', 2)[1], after.Split(' ', 2)[1]);
        Assert.DoesNotContain("龙门站片区", city, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_project_not_public_cancelled_or_unknown_is_the_same_404_page_never_kept_in_a_cache()
    {
        var hidden = await app.NewProject(b => b["isPublic"] = false);
        var cancelled = await app.NewProject();
        await (await app.Admin.PostJson($"/api/v1/projects/{cancelled.Str("id")}/cancel", new { reason = "规划调整，项目取消" })).Expect(HttpStatusCode.OK);

        var answers = new[]
        {
            await app.Page($"/public/projects/{hidden.Str("id")}"),
            await app.Page($"/public/projects/{cancelled.Str("id")}"),
            await app.Page($"/public/projects/{Guid.NewGuid()}"),
        };

        Assert.All(answers, a =>
        {
            Assert.Equal(HttpStatusCode.NotFound, a.Response.StatusCode);
            Assert.Equal("text/html; charset=utf-8", a.Response.Content.Headers.ContentType?.ToString());
            Assert.Equal("no-store", a.Response.Headers.CacheControl?.ToString());
            Assert.Contains("<h1>未找到该项目</h1>", a.Html, StringComparison.Ordinal);
        });
        Assert.Single(answers.Select(a => Regex.Replace(a.Html, "[0-9a-f]{8}-[0-9a-f-]{27}", "")).Distinct());
    }

    [Theory]
    [InlineData("/public")]
    [InlineData("/public/search?q=%E9%81%93%E8%B7%AF")]
    [InlineData("/public/projects/{id}")]
    [InlineData("/public/map")]
    [InlineData("/public/projects/00000000-0000-4000-8000-000000000000")]
    public async Task Every_page_has_a_content_policy_that_allows_no_script_and_nothing_from_another_server(string path)
    {
        var project = await app.NewProject();
        var (response, html) = await app.Page(path.Replace("{id}", project.Str("id"), StringComparison.Ordinal));

        Assert.Equal(PublicSite.ContentSecurityPolicy, string.Join(", ", response.Headers.GetValues("Content-Security-Policy")));
        Assert.Contains("default-src 'none'", PublicSite.ContentSecurityPolicy, StringComparison.Ordinal);
        Assert.DoesNotContain("script-src", PublicSite.ContentSecurityPolicy, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch("\\sstyle=", html);
        Assert.DoesNotMatch("(src|href)=\"(https?:)?//", html);
        Assert.Matches($"<link rel=\"stylesheet\" href=\"{Regex.Escape(SiteStyle.Href)}\"\\s*/?>", html);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Fact]
    public async Task The_style_sheet_is_served_by_the_app_and_kept_a_year_under_its_hashed_address()
    {
        var response = await app.Anonymous.GetAsync(SiteStyle.Href);
        var css = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/css; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl?.ToString());
        Assert.Contains(":focus-visible", css, StringComparison.Ordinal);
        Assert.DoesNotContain("url(", css, StringComparison.Ordinal);
        Assert.DoesNotContain("@import", css, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Script_html_and_bidi_controls_in_a_projects_texts_are_shown_as_text_isolated_from_what_follows()
    {
        const string Name = "<script>alert(1)</script><img src=x onerror=alert(2)>\u202Egnp.exe";
        var project = await app.NewProject(b => (b["name"], b["description"], b["responsibleUnit"]) = (Name, "\"><svg onload=alert(3)>", "单位\u202E<b>粗</b>"));
        var id = project.Str("id");

        var (_, page) = await app.Page($"/public/projects/{id}");
        var (_, search) = await app.Page($"/public/search?q={Uri.EscapeDataString("<script>")}");
        var (_, echo) = await app.Page($"/public/search?q={Uri.EscapeDataString("\"><img src=x onerror=alert(4)>")}");

        foreach (var html in new[] { page, search, echo })
        {
            Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<svg onload", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<b>粗", html, StringComparison.Ordinal);
        }

        Assert.Contains("<h1><bdi>&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;\u202Egnp.exe</bdi></h1>", page, StringComparison.Ordinal);
        Assert.Contains("<bdi>单位\u202E&lt;b&gt;粗&lt;/b&gt;</bdi>", page, StringComparison.Ordinal);
        // The title cannot hold an isolating element: the override is left out there.
        Assert.Contains("<title>&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;gnp.exe · ", page, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"/public/projects/{id}\"><bdi>&lt;script&gt;", search, StringComparison.Ordinal);
        Assert.Contains("value=\"&quot;&gt;&lt;img src=x onerror=alert(4)&gt;\"", echo, StringComparison.Ordinal);
    }

    [Fact]
    public async Task What_a_person_may_type_into_the_address_never_breaks_a_page()
    {
        var answers = new[]
        {
            await app.Page("/public?page=abc"),
            await app.Page("/public?page=-1"),
            await app.Page("/public/search?q=%00%01&page=99999999999"),
            await app.Page($"/public/search?q={new string('路', 300)}"),
            await app.Page("/public/search?q=%25_%5C"),
        };

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.Response.StatusCode));
    }
}
