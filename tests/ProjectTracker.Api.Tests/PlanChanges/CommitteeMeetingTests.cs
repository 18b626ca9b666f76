using System.Net;
using ProjectTracker.Api.Tests.Support;

namespace ProjectTracker.Api.Tests.PlanChanges;

[Collection(ApiCollection.Name)]
public sealed class CommitteeMeetingTests(TrackerApp app)
{
    private const string Meetings = "/api/v1/committee-meetings";

    private readonly Scenario given = new(app);

    [Fact]
    public async Task A_meetings_minutes_list_every_decision_that_names_it_as_json_and_as_a_page()
    {
        var meeting = await (await given.Admin.PostJson(Meetings, new { date = TrackerApp.Today, title = " 市规划委员会2026年第2次会议 " })).Expect(HttpStatusCode.Created);
        var project = await given.NewProject();
        var asker = app.Client(await given.NewKey("admin"));
        var approved = await (await asker.PostJson($"/api/v1/projects/{project.Str("id")}/plan-changes",
            new { reason = "线路延伸", documentRef = "洛规委〔2026〕2号", changes = new { totalInvestment = 150000m } })).Expect(HttpStatusCode.Created);
        var rejected = await (await asker.PostJson($"/api/v1/projects/{project.Str("id")}/plan-changes",
            new { reason = "推迟竣工", changes = new { targetYear = 2030 } })).Expect(HttpStatusCode.Created);
        var elsewhere = await (await asker.PostJson($"/api/v1/projects/{project.Str("id")}/plan-changes",
            new { reason = "调整规模", changes = new { scope = "全长9公里" } })).Expect(HttpStatusCode.Created);
        await (await given.Admin.PostJson($"/api/v1/plan-changes/{approved.Str("id")}/approve", new { comment = "同意", meetingId = meeting.Str("id") })).Expect(HttpStatusCode.OK);
        await (await given.Admin.PostJson($"/api/v1/plan-changes/{rejected.Str("id")}/reject", new { comment = "理由不充分", meetingId = meeting.Str("id") })).Expect(HttpStatusCode.OK);
        await (await given.Admin.PostJson($"/api/v1/plan-changes/{elsewhere.Str("id")}/approve", new { })).Expect(HttpStatusCode.OK);

        var minutes = await (await given.Admin.GetAsync($"{Meetings}/{meeting.Str("id")}")).Expect(HttpStatusCode.OK);
        var page = await given.Admin.GetAsync($"{Meetings}/{meeting.Str("id")}?format=html");

        Assert.Equal(("市规划委员会2026年第2次会议", TrackerApp.Today.Iso()), (minutes.Str("title"), minutes.Str("date")));
        Assert.Equal([(approved.Str("id"), "approved"), (rejected.Str("id"), "rejected")],
            minutes.GetProperty("decisions").EnumerateArray().Select(d => (d.Str("id"), d.Str("status"))));
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("市规划委员会2026年第2次会议", html);
        Assert.Contains("洛规委〔2026〕2号", html);
        Assert.Contains("理由不充分", html);
        Assert.DoesNotContain("调整规模", html);
    }

    [Fact]
    public async Task Only_an_admin_records_a_meeting_and_bad_input_names_the_field()
    {
        var reader = app.Client(await given.NewKey("reader"));
        var district = app.Client(await given.NewKey("district", await given.NewDistrict()));

        await (await reader.PostJson(Meetings, new { date = TrackerApp.Today, title = "会议" })).ExpectProblem(HttpStatusCode.Forbidden);
        await (await district.PostJson(Meetings, new { date = TrackerApp.Today, title = "会议" })).ExpectProblem(HttpStatusCode.Forbidden);
        await (await given.Admin.PostJson(Meetings, new { date = TrackerApp.Today })).ExpectProblem(HttpStatusCode.BadRequest, "title");
        await (await given.Admin.PostJson(Meetings, new { title = "会议" })).ExpectProblem(HttpStatusCode.BadRequest, "date");
        await (await given.Admin.PostJson(Meetings, new { date = "0001-01-01", title = "会议" })).ExpectProblem(HttpStatusCode.BadRequest, "date");
        await (await given.Admin.GetAsync($"{Meetings}/{Guid.NewGuid()}")).ExpectProblem(HttpStatusCode.NotFound);
        var meeting = await (await given.Admin.PostJson(Meetings, new { date = TrackerApp.Today, title = "会议" })).Expect(HttpStatusCode.Created);
        await (await given.Admin.GetAsync($"{Meetings}/{meeting.Str("id")}?format=pdf")).ExpectProblem(HttpStatusCode.BadRequest, "format");
        Assert.Empty((await (await reader.GetAsync($"{Meetings}/{meeting.Str("id")}")).Expect(HttpStatusCode.OK)).GetProperty("decisions").EnumerateArray());
    }
}
