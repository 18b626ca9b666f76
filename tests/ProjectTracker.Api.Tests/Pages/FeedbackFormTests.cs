using System.Net;
using ProjectTracker.Api.Tests.Support;

namespace ProjectTracker.Api.Tests.Pages;

/// <summary>The project page's form (公众留言): a plain HTML form, the API's rules and hourly limit, messages shown only once published.</summary>
public sealed class FeedbackFormTests(PagesApp app) : IClassFixture<PagesApp>
{
    private readonly HttpClient browser = new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(app.BaseAddress) };

    [Fact]
    public async Task A_message_left_with_the_form_waits_for_review_then_shows_with_the_units_reply_and_never_the_contact()
    {
        var project = await app.NewProject(b => b["name"] = "留言测试道路");
        var id = project.Str("id");

        var posted = await Post(id, "施工噪音<script>alert(1)</script>\u202E请夜间停工", "13800000000");
        var (_, before) = await app.Page($"/public/projects/{id}");
        var feedbackId = await Pending(id);
        await (await app.Admin.PostJson($"/api/v1/feedback/{feedbackId}/publish", new { })).Expect(HttpStatusCode.OK);
        await (await app.Admin.PostJson($"/api/v1/feedback/{feedbackId}/reply", new { text = "已要求施工单位22时后停止高噪声作业。" })).Expect(HttpStatusCode.OK);
        var (_, after) = await app.Page($"/public/projects/{id}");
        var (_, thanks) = await app.Page($"/public/projects/{id}?sent=1");

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal($"/public/projects/{id}?sent=1#feedback", posted.Headers.Location?.OriginalString);
        Assert.DoesNotContain("施工噪音", before, StringComparison.Ordinal);
        Assert.Contains("暂无公开的留言", before, StringComparison.Ordinal);
        Assert.Contains("留言已收到，经市重点项目办审核后公开", thanks, StringComparison.Ordinal);
        var page = PagesApp.Squeezed(after);
        Assert.Contains("<p class=\"said\"><bdi>施工噪音&lt;script&gt;alert(1)&lt;/script&gt;\u202E请夜间停工</bdi></p>", page, StringComparison.Ordinal);
        Assert.Contains("<p class=\"said\"><bdi>已要求施工单位22时后停止高噪声作业。</bdi></p>", page, StringComparison.Ordinal);
        Assert.Contains("责任单位（<bdi>市交通运输局</bdi>）", page, StringComparison.Ordinal);
        Assert.DoesNotContain("13800000000", after, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_form_without_a_message_or_with_one_too_long_comes_back_with_what_was_typed_and_why()
    {
        var project = await app.NewProject();
        var id = project.Str("id");

        var empty = await Post(id, "  ", "王先生 13900000000");
        var tooLong = await Post(id, new string('长', 1001), null);
        var withNul = await Post(id, "空\0字符", null);
        var emptyHtml = await empty.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, withNul.StatusCode);
        Assert.Equal("text/html; charset=utf-8", empty.Content.Headers.ContentType?.ToString());
        Assert.Contains("<a href=\"#message\">请填写留言内容。</a>", emptyHtml, StringComparison.Ordinal);
        Assert.Matches("<textarea id=\"message\"[^>]*aria-invalid=\"true\"", emptyHtml);
        Assert.Contains("value=\"王先生 13900000000\"", emptyHtml, StringComparison.Ordinal);
        Assert.Contains("留言内容不超过 1,000 字", await tooLong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("application/problem+json", withNul.Content.Headers.ContentType?.MediaType);
        var pending = await (await app.Admin.GetAsync($"/api/v1/feedback?projectId={id}")).Expect(HttpStatusCode.OK);
        Assert.Equal(0, pending.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task The_form_of_a_project_the_public_cannot_see_is_the_404_page()
    {
        var hidden = await app.NewProject(b => b["isPublic"] = false);

        var posted = await Post(hidden.Str("id"), "看不见的项目", null);
        var unknown = await Post(Guid.NewGuid().ToString(), "不存在的项目", null);

        Assert.Equal(HttpStatusCode.NotFound, posted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("<h1>未找到该项目</h1>", await posted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Past_the_hours_limit_the_form_says_when_to_try_again_and_keeps_what_was_typed()
    {
        var project = await app.NewProject();
        var id = project.Str("id");

        HttpResponseMessage answer;
        var sent = 0;
        do
        {
            answer = await Post(id, $"第 {++sent} 条留言", null);
        }
        while (answer.StatusCode == HttpStatusCode.Redirect && sent <= 11);
        var html = await answer.Content.ReadAsStringAsync();
        app.Clock.Advance(TimeSpan.FromMinutes(61));
        var later = await Post(id, "一小时后再留言", null);

        Assert.Equal(HttpStatusCode.TooManyRequests, answer.StatusCode);
        Assert.True(answer.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After says how long to wait");
        Assert.Contains("一小时内留言过多", html, StringComparison.Ordinal);
        Assert.Contains($"第 {sent} 条留言</textarea>", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, later.StatusCode);
    }

    private async Task<HttpResponseMessage> Post(string projectId, string message, string? contact)
    {
        var fields = new List<KeyValuePair<string, string>> { new("message", message) };
        if (contact is not null)
        {
            fields.Add(new("contact", contact));
        }

        return await browser.PostAsync($"/public/projects/{projectId}/feedback", new FormUrlEncodedContent(fields));
    }

    private async Task<string> Pending(string projectId)
    {
        var list = await (await app.Admin.GetAsync($"/api/v1/feedback?projectId={projectId}&status=pending-review")).Expect(HttpStatusCode.OK);
        return Assert.Single(list.GetProperty("items").EnumerateArray()).Str("id");
    }
}
