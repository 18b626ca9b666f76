using System.Net;
using ProjectTracker.Api.Features.Pages;
using ProjectTracker.Api.Tests.Support;

namespace ProjectTracker.Api.Tests.Pages;

/// <summary><c>/projects/{id}</c>: the page mails and reports link a project that is not public to, behind the browser key.</summary>
public sealed class InternalProjectPageTests(PagesApp app) : IClassFixture<PagesApp>
{
    [Fact]
    public async Task Without_a_key_the_page_asks_for_one_whether_or_not_the_project_exists()
    {
        var project = await app.NewProject(b => b["isPublic"] = false);

        var (known, knownHtml) = await app.Page($"/projects/{project.Str("id")}");
        var (unknown, unknownHtml) = await app.Page($"/projects/{Guid.NewGuid()}");
        var (wrong, _) = await app.Page($"/projects/{project.Str("id")}?api_key=pt_not_a_key");

        Assert.Equal(HttpStatusCode.Unauthorized, known.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal("text/html; charset=utf-8", known.Content.Headers.ContentType?.ToString());
        Assert.Contains($"/projects/{project.Str("id")}?api_key=", knownHtml, StringComparison.Ordinal);
        Assert.Contains("需要 API 密钥", unknownHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("东环路", knownHtml, StringComparison.Ordinal);
        Assert.False(known.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task With_a_key_once_the_page_shows_the_fields_the_public_does_not_see_and_a_cookie_keeps_the_key()
    {
        var project = await app.NewProject(b => (b["isPublic"], b["name"], b["scope"]) = (false, "内部道路改造", "新建道路 3.2 公里"));
        var id = project.Str("id");
        var start = await app.Milestone(id, "开工", "groundbreaking", PagesApp.Today.AddDays(20));
        await (await app.Admin.PostJson($"/api/v1/projects/{id}/milestones/{start.Str("id")}/forecast", new { forecastDate = PagesApp.Today.AddDays(40), reason = "征地拆迁滞后" })).Expect(HttpStatusCode.OK);
        await (await app.Admin.PostJson($"/api/v1/projects/{id}/plan-changes", new { reason = "待审的投资调整", changes = new { totalInvestment = 200000m } })).Expect(HttpStatusCode.Created);
        using var browser = new HttpClient(new HttpClientHandler { UseCookies = true, AllowAutoRedirect = false }) { BaseAddress = new Uri(app.BaseAddress) };

        var first = await browser.GetAsync($"/projects/{id}?api_key={ApiHost.AdminKey}");
        var again = await browser.GetAsync($"/projects/{id}");
        var html = await first.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var cookie = Assert.Single(first.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith($"{ShowProjectPage.Cookie}=", cookie, StringComparison.Ordinal);
        Assert.Contains("path=/projects", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("no-store", first.Headers.CacheControl?.ToString());
        Assert.Equal(PublicSite.ContentSecurityPolicy, Assert.Single(first.Headers.GetValues("Content-Security-Policy")));
        var page = PagesApp.Squeezed(html);
        Assert.Contains("<h1><bdi>内部道路改造</bdi></h1>", page, StringComparison.Ordinal);
        Assert.Contains("<dt>联系邮箱</dt><dd><bdi>pm@example.gov.cn</bdi></dd>", page, StringComparison.Ordinal);
        Assert.Contains("<dt>牵头领导</dt><dd><bdi>张三</bdi></dd>", page, StringComparison.Ordinal);
        Assert.Contains("<dt>是否公开</dt><dd>否</dd>", page, StringComparison.Ordinal);
        Assert.Contains("新建道路 3.2 公里", page, StringComparison.Ordinal);
        Assert.Contains("预计调整原因：<bdi>征地拆迁滞后</bdi>", page, StringComparison.Ordinal);
        Assert.Contains("申请，待审批", page, StringComparison.Ordinal);
        Assert.Contains("理由：<bdi>待审的投资调整</bdi>", page, StringComparison.Ordinal);
        Assert.Contains("该项目未向社会公开", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reader_key_in_the_header_reads_it_and_an_unknown_project_is_a_404_page()
    {
        var reader = app.Host.Client(await app.Given.NewKey("reader"));
        var project = await app.NewProject(b => b["isPublic"] = false);

        var shown = await reader.GetAsync($"/projects/{project.Str("id")}");
        var unknown = await reader.GetAsync($"/projects/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("<h1>未找到该项目</h1>", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_public_projects_internal_page_points_to_its_public_page()
    {
        var project = await app.NewProject();

        var (_, html) = await app.Page($"/projects/{project.Str("id")}", app.Admin);

        Assert.Contains($"<a href=\"/public/projects/{project.Str("id")}\">查看公开页面</a>", html, StringComparison.Ordinal);
    }
}
