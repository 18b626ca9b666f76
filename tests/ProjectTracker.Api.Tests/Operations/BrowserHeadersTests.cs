using System.Net;
using ProjectTracker.Api.Tests.Support;

namespace ProjectTracker.Api.Tests.Operations;

/// <summary>What a browser is told about each answer: no sniffing, no framing, no referrer, where scripts may come from; who may read it cross-origin.</summary>
[Collection(ApiCollection.Name)]
public sealed class BrowserHeadersTests(TrackerApp app)
{
    [Theory]
    [InlineData("/swagger/index.html")]
    [InlineData("/hangfire?api_key=" + TrackerApp.AdminKey)]
    [InlineData("/reports/weekly/2026-W20?api_key=" + TrackerApp.AdminKey)]
    [InlineData("/api/v1/projects")]
    [InlineData("/api/v1/no-such-thing")]
    public async Task Every_answer_forbids_sniffing_framing_and_referrers_and_scripts_from_elsewhere(string path)
    {
        var response = await app.Client(null).GetAsync(path);

        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/v1/public/projects")]
    [InlineData("/api/v1/public/oc4ids")]
    public async Task A_public_screen_on_another_origin_may_read_the_public_data(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Origin", "https://screen.example.gov.cn");

        var response = await app.Client(null).SendAsync(request);

        await response.Expect(HttpStatusCode.OK);
        Assert.Equal("*", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
    }

    [Fact]
    public async Task A_preflight_for_the_public_data_is_answered_without_a_key()
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, "/api/v1/public/projects");
        request.Headers.Add("Origin", "https://screen.example.gov.cn");
        request.Headers.Add("Access-Control-Request-Method", "GET");

        var response = await app.Client(null).SendAsync(request);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("*", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
    }

    [Fact]
    public async Task Keyed_endpoints_answer_no_other_origin_unless_configured()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/districts");
        request.Headers.Add("Origin", "https://screen.example.gov.cn");

        var response = await app.Client().SendAsync(request);

        await response.Expect(HttpStatusCode.OK);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task An_origin_an_operator_lists_may_call_keyed_endpoints_and_only_it()
    {
        await using var host = new ApiHost(app.ConnectionString, settings: new Dictionary<string, string> { ["Cors:AllowedOrigins:0"] = "https://portal.example.gov.cn" });

        foreach (var (origin, allowed) in new[] { ("https://portal.example.gov.cn", true), ("https://elsewhere.example.org", false) })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/districts");
            request.Headers.Add("Origin", origin);
            var response = await host.Client().SendAsync(request);

            await response.Expect(HttpStatusCode.OK);
            Assert.Equal(allowed, response.Headers.TryGetValues("Access-Control-Allow-Origin", out var values) && values.Single() == origin);
        }
    }

    [Fact]
    public async Task Behind_a_tls_proxy_with_forwarded_headers_on_the_key_cookie_is_secure()
    {
        await using var host = new ApiHost(app.ConnectionString, settings: new Dictionary<string, string> { ["ForwardedHeaders_Enabled"] = "true" });
        var browser = host.Client(null);

        using var viaProxy = new HttpRequestMessage(HttpMethod.Get, $"/hangfire?api_key={TrackerApp.AdminKey}");
        viaProxy.Headers.Add("X-Forwarded-Proto", "https");
        var secure = Assert.Single((await browser.SendAsync(viaProxy)).Headers.GetValues("Set-Cookie"));
        var plain = Assert.Single((await browser.GetAsync($"/hangfire?api_key={TrackerApp.AdminKey}")).Headers.GetValues("Set-Cookie"));

        Assert.Contains("secure", secure, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", plain, StringComparison.OrdinalIgnoreCase);
    }
}
