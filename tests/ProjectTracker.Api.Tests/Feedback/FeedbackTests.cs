using System.Net;
using System.Text;
using System.Text.Json;
using ProjectTracker.Api.Tests.Issues;
using ProjectTracker.Api.Tests.Operations;
using ProjectTracker.Api.Tests.Support;

namespace ProjectTracker.Api.Tests.Feedback;

/// <summary>The public's messages (汇聚民意): left without a key, reviewed by the city office, answered by the project's unit in public.</summary>
public sealed class FeedbackTests(FeedbackApp app) : IClassFixture<FeedbackApp>
{
    private const string Message = "施工围挡占用了人行道，建议在东侧开辟临时通道，方便居民出行。";

    [Fact]
    public async Task A_message_is_accepted_with_202_its_id_and_pending_review_and_shows_in_public_only_once_published()
    {
        var project = await app.Given.NewPublicProject();

        var response = await app.Public.Leave(project, new { message = Message, contact = "13800000000" }, FeedbackKit.NewAddress());

        var answer = await response.Expect(HttpStatusCode.Accepted);
        Assert.Equal(["id", "status"], answer.EnumerateObject().Select(p => p.Name));
        Assert.Equal("pending-review", answer.Str("status"));
        var id = answer.Str("id");
        Assert.Empty((await app.Public.PublicList(project)).GetProperty("items").EnumerateArray());
        var queued = await (await app.Admin.GetAsync($"/api/v1/feedback?status=pending-review&projectId={project}")).Expect(HttpStatusCode.OK);
        var pending = Assert.Single(queued.GetProperty("items").EnumerateArray());
        Assert.Equal((id, Message, "13800000000", app.Today.Iso()), (pending.Str("id"), pending.Str("message"), pending.Str("contact"), pending.Str("receivedOn")));

        var published = await (await app.Admin.Decide(id, "publish")).Expect(HttpStatusCode.OK);

        Assert.Equal(("published", app.Today.Iso(), "bootstrap-admin"), (published.Str("status"), published.Str("publishedOn"), published.Str("decidedBy")));
        Assert.Equal(JsonValueKind.Null, published.GetProperty("contact").ValueKind);
        var shown = await app.Public.PublicList(project);
        var item = Assert.Single(shown.GetProperty("items").EnumerateArray());
        Assert.Equal(["id", "message", "receivedOn", "publishedOn", "reply"], item.EnumerateObject().Select(p => p.Name));
        Assert.Equal((id, Message, JsonValueKind.Null), (item.Str("id"), item.Str("message"), item.GetProperty("reply").ValueKind));
        Assert.Equal((1, 1, 50), (shown.GetProperty("total").GetInt32(), shown.GetProperty("page").GetInt32(), shown.GetProperty("pageSize").GetInt32()));
    }

    [Fact]
    public async Task The_units_reply_is_published_with_the_message_and_a_corrected_reply_replaces_it()
    {
        var unit = await app.Given.NewUnit();
        var project = await app.Given.NewPublicProject(unit: unit);
        var unitKey = app.Host.Client(await app.Given.NewUnitKey(unit));
        var id = await app.NewMessage(project);
        await (await app.Admin.Decide(id, "publish")).Expect(HttpStatusCode.OK);

        var replied = await (await unitKey.Decide(id, "reply", new { text = "  已要求施工单位设置临时通道。 " })).Expect(HttpStatusCode.OK);
        app.Clock.Advance(TimeSpan.FromDays(1));
        await (await unitKey.Decide(id, "reply", new { text = "临时通道已于今日开通。" })).Expect(HttpStatusCode.OK);

        Assert.Equal(("已要求施工单位设置临时通道。", app.Today.AddDays(-1).Iso()), (replied.Str("reply"), replied.Str("repliedOn")));
        var item = Assert.Single((await app.Public.PublicList(project)).GetProperty("items").EnumerateArray());
        Assert.Equal(("临时通道已于今日开通。", app.Today.Iso()), (item.GetProperty("reply").Str("text"), item.GetProperty("reply").Str("repliedOn")));
    }

    [Fact]
    public async Task A_project_that_does_not_exist_is_not_public_or_is_cancelled_takes_no_message_and_shows_none()
    {
        var hidden = await app.Given.NewPublicProject(isPublic: false);
        var cancelled = await app.Given.NewPublicProject();
        await (await app.Admin.PostJson($"/api/v1/projects/{cancelled}/cancel", new { reason = "项目取消" })).Expect(HttpStatusCode.OK);

        foreach (var project in new[] { Guid.NewGuid().ToString(), hidden, cancelled })
        {
            await (await app.Public.Leave(project, new { message = Message }, FeedbackKit.NewAddress())).ExpectProblem(HttpStatusCode.NotFound);
            await (await app.Public.GetAsync($"/api/v1/public/projects/{project}/feedback")).ExpectProblem(HttpStatusCode.NotFound);
        }

        var nothing = await (await app.Admin.GetAsync($"/api/v1/feedback?projectId={hidden}")).Expect(HttpStatusCode.OK);
        Assert.Equal(0, nothing.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task An_empty_or_overlong_message_or_an_overlong_contact_is_400_naming_it_and_a_huge_body_413()
    {
        var project = await app.Given.NewPublicProject();
        var from = FeedbackKit.NewAddress();

        await (await app.Public.Leave(project, new { contact = "13800000000" }, from)).ExpectProblem(HttpStatusCode.BadRequest, "message");
        await (await app.Public.Leave(project, new { message = "   " }, from)).ExpectProblem(HttpStatusCode.BadRequest, "message");
        await (await app.Public.Leave(project, new { message = new string('路', 1001) }, from)).ExpectProblem(HttpStatusCode.BadRequest, "message");
        await (await app.Public.Leave(project, new { message = Message, contact = new string('1', 201) }, from)).ExpectProblem(HttpStatusCode.BadRequest, "contact");
        await (await app.Public.Leave(project, new { message = Message, sender = "张三" }, from)).ExpectProblem(HttpStatusCode.BadRequest, "sender");
        await (await app.Public.Leave(project, new StringContent("{\"message\":", Encoding.UTF8, "application/json"), from)).ExpectProblem(HttpStatusCode.BadRequest, "body");
        var huge = new StringContent(JsonSerializer.Serialize(new { message = Message, padding = new string(' ', 20_000) }), Encoding.UTF8, "application/json");
        await (await app.Public.Leave(project, huge, from)).ExpectProblem(HttpStatusCode.RequestEntityTooLarge);

        await (await app.Public.Leave(project, new { message = new string('路', 1000), contact = new string('1', 200) }, from)).Expect(HttpStatusCode.Accepted);
    }

    [Fact]
    public async Task Deciding_on_an_unknown_message_is_404_and_a_decision_in_the_wrong_state_409()
    {
        var project = await app.Given.NewPublicProject();
        var pending = await app.NewMessage(project);
        var published = await app.NewMessage(project);
        var rejected = await app.NewMessage(project);
        await (await app.Admin.Decide(published, "publish")).Expect(HttpStatusCode.OK);
        await (await app.Admin.Decide(rejected, "reject", new { reason = "与项目无关" })).Expect(HttpStatusCode.OK);
        var unknown = Guid.NewGuid().ToString();

        await (await app.Admin.Decide(unknown, "publish")).ExpectProblem(HttpStatusCode.NotFound);
        await (await app.Admin.Decide(unknown, "reject", new { reason = "与项目无关" })).ExpectProblem(HttpStatusCode.NotFound);
        await (await app.Admin.Decide(unknown, "reply", new { text = "答复" })).ExpectProblem(HttpStatusCode.NotFound);

        await (await app.Admin.GetAsync($"/api/v1/feedback/{unknown}")).ExpectProblem(HttpStatusCode.NotFound);
        await (await app.Admin.Decide(published, "publish")).ExpectProblem(HttpStatusCode.Conflict);
        await (await app.Admin.Decide(rejected, "publish")).ExpectProblem(HttpStatusCode.Conflict);
        await (await app.Admin.Decide(rejected, "reject")).ExpectProblem(HttpStatusCode.Conflict);
        await (await app.Admin.Decide(pending, "reply", new { text = "答复" })).ExpectProblem(HttpStatusCode.Conflict);
        await (await app.Admin.Decide(rejected, "reply", new { text = "答复" })).ExpectProblem(HttpStatusCode.Conflict);
        var stillPending = await (await app.Admin.GetAsync($"/api/v1/feedback/{pending}")).Expect(HttpStatusCode.OK);
        Assert.Equal("pending-review", stillPending.Str("status"));
    }

    [Fact]
    public async Task A_published_message_taken_down_leaves_the_public_page_and_takes_no_reply()
    {
        var project = await app.Given.NewPublicProject();
        var id = await app.NewMessage(project);
        await (await app.Admin.Decide(id, "publish")).Expect(HttpStatusCode.OK);

        var takenDown = await (await app.Admin.Decide(id, "reject", new { reason = "含有他人隐私信息" })).Expect(HttpStatusCode.OK);

        Assert.Equal(("rejected", app.Today.Iso(), "含有他人隐私信息"), (takenDown.Str("status"), takenDown.Str("publishedOn"), takenDown.Str("rejectReason")));
        Assert.Empty((await app.Public.PublicList(project)).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task Only_admin_reviews_and_only_a_key_that_may_write_the_project_answers_or_reads_it()
    {
        var unit = await app.Given.NewUnit();
        var district = await app.Given.NewDistrict();
        var project = await app.Given.NewPublicProject(unit: unit, district: district);
        var id = await app.NewMessage(project);
        var ownDistrict = app.Host.Client(await app.Given.NewKey("district", district));
        var otherDistrict = app.Host.Client(await app.Given.NewKey("district", await app.Given.NewDistrict()));
        var otherUnit = app.Host.Client(await app.Given.NewUnitKey(await app.Given.NewUnit()));
        var reader = app.Host.Client(await app.Given.NewKey("reader"));

        await (await ownDistrict.Decide(id, "publish")).ExpectProblem(HttpStatusCode.Forbidden);
        await (await ownDistrict.Decide(id, "reject")).ExpectProblem(HttpStatusCode.Forbidden);
        await (await ownDistrict.GetAsync("/api/v1/feedback")).ExpectProblem(HttpStatusCode.Forbidden);
        await (await app.Public.GetAsync("/api/v1/feedback")).ExpectProblem(HttpStatusCode.Unauthorized);
        await (await app.Public.Decide(id, "publish")).ExpectProblem(HttpStatusCode.Unauthorized);
        await (await app.Admin.Decide(id, "publish")).Expect(HttpStatusCode.OK);
        foreach (var stranger in new[] { otherDistrict, otherUnit, reader })
        {
            await (await stranger.Decide(id, "reply", new { text = "答复" })).ExpectProblem(HttpStatusCode.Forbidden);
        }

        await (await otherDistrict.GetAsync($"/api/v1/feedback/{id}")).ExpectProblem(HttpStatusCode.NotFound);
        var read = await (await ownDistrict.GetAsync($"/api/v1/feedback/{id}")).Expect(HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, read.GetProperty("contact").ValueKind);
        var answered = await (await ownDistrict.Decide(id, "reply", new { text = "区住建局已督促整改。" })).Expect(HttpStatusCode.OK);
        Assert.Equal("区住建局已督促整改。", answered.Str("reply"));
    }

    [Fact]
    public async Task A_reply_that_is_empty_or_over_2000_characters_is_400_naming_text()
    {
        var project = await app.Given.NewPublicProject();
        var id = await app.NewMessage(project);
        await (await app.Admin.Decide(id, "publish")).Expect(HttpStatusCode.OK);

        await (await app.Admin.Decide(id, "reply", new { })).ExpectProblem(HttpStatusCode.BadRequest, "text");
        await (await app.Admin.Decide(id, "reply", new { text = " " })).ExpectProblem(HttpStatusCode.BadRequest, "text");
        await (await app.Admin.Decide(id, "reply", new { text = new string('答', 2001) })).ExpectProblem(HttpStatusCode.BadRequest, "text");
        await (await app.Admin.Decide(id, "reject", new { reason = new string('由', 1001) })).ExpectProblem(HttpStatusCode.BadRequest, "reason");
    }

    [Fact]
    public async Task The_review_list_filters_by_status_and_project_pages_oldest_first_and_refuses_an_unknown_status()
    {
        var project = await app.Given.NewPublicProject();
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await app.NewMessage(project, $"第{i + 1}条留言"));
        }

        await (await app.Admin.Decide(ids[1], "publish")).Expect(HttpStatusCode.OK);

        var pending = await (await app.Admin.GetAsync($"/api/v1/feedback?status=pending-review&projectId={project}&pageSize=1&page=2")).Expect(HttpStatusCode.OK);
        var published = await (await app.Admin.GetAsync($"/api/v1/feedback?status=published&projectId={project}")).Expect(HttpStatusCode.OK);
        var all = await (await app.Admin.GetAsync($"/api/v1/feedback?projectId={project}")).Expect(HttpStatusCode.OK);

        Assert.Equal((2, ids[2]), (pending.GetProperty("total").GetInt32(), Assert.Single(pending.GetProperty("items").EnumerateArray()).Str("id")));
        Assert.Equal(ids[1], Assert.Single(published.GetProperty("items").EnumerateArray()).Str("id"));
        Assert.Equal(ids, all.GetProperty("items").EnumerateArray().Select(m => m.Str("id")));
        await (await app.Admin.GetAsync("/api/v1/feedback?status=waiting")).ExpectProblem(HttpStatusCode.BadRequest, "status");
        await (await app.Admin.GetAsync("/api/v1/feedback?pageSize=501")).ExpectProblem(HttpStatusCode.BadRequest, "pageSize");
        await (await app.Public.GetAsync($"/api/v1/public/projects/{project}/feedback?page=0")).ExpectProblem(HttpStatusCode.BadRequest, "page");
    }

    [Fact]
    public async Task A_retry_with_the_same_Idempotency_Key_answers_the_same_message_and_leaves_one()
    {
        var project = await app.Given.NewPublicProject();
        var from = FeedbackKit.NewAddress();
        var key = Guid.NewGuid().ToString();

        var first = await (await app.Public.Leave(project, new { message = Message }, from, key)).Expect(HttpStatusCode.Accepted);
        var retry = await app.Public.Leave(project, new { message = Message }, from, key);
        var other = await app.Public.Leave(project, new { message = "另一条留言" }, from, key);
        var elsewhere = await (await app.Public.Leave(project, new { message = Message }, FeedbackKit.NewAddress(), key)).Expect(HttpStatusCode.Accepted);

        Assert.Equal(first.Str("id"), (await retry.Expect(HttpStatusCode.Accepted)).Str("id"));
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        await other.ExpectProblem(HttpStatusCode.UnprocessableEntity);
        // Keys are per caller: the same key from another address is another message.
        Assert.NotEqual(first.Str("id"), elsewhere.Str("id"));
        var all = await (await app.Admin.GetAsync($"/api/v1/feedback?projectId={project}")).Expect(HttpStatusCode.OK);
        Assert.Equal(2, all.GetProperty("total").GetInt32());

        var publishKey = Guid.NewGuid().ToString();
        var published = await (await app.Admin.PostIdempotent($"/api/v1/feedback/{first.Str("id")}/publish", new { }, publishKey)).Expect(HttpStatusCode.OK);
        var again = await (await app.Admin.PostIdempotent($"/api/v1/feedback/{first.Str("id")}/publish", new { }, publishKey)).Expect(HttpStatusCode.OK);
        Assert.Equal(published.GetProperty("version").GetInt64(), again.GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task Decisions_honour_If_Match()
    {
        var project = await app.Given.NewPublicProject();
        var id = await app.NewMessage(project);

        await (await app.Admin.PostJson($"/api/v1/feedback/{id}/publish", new { }, "\"7\"")).ExpectProblem(HttpStatusCode.PreconditionFailed);
        var published = await app.Admin.PostJson($"/api/v1/feedback/{id}/publish", new { }, "\"1\"");

        await published.Expect(HttpStatusCode.OK);
        Assert.Equal(2, published.ETag());
    }

    [Fact]
    public async Task The_publics_messages_stay_out_of_the_change_feed_which_moves_past_them()
    {
        var after = 0L;
        for (var page = await Changes(after); page.GetProperty("items").GetArrayLength() > 0; page = await Changes(after))
        {
            after = page.GetProperty("next").GetInt64();
        }

        var project = await app.Given.NewPublicProject();
        var id = await app.NewMessage(project);
        await (await app.Admin.Decide(id, "publish")).Expect(HttpStatusCode.OK);
        await (await app.Admin.Decide(id, "reply", new { text = "感谢建议。" })).Expect(HttpStatusCode.OK);
        var later = await app.Given.NewPublicProject();

        var read = await Changes(after);

        var items = read.GetProperty("items").EnumerateArray().ToList();
        Assert.DoesNotContain(items, i => i.Str("type").StartsWith("feedback-", StringComparison.Ordinal));
        Assert.Equal([project, later], items.Select(i => i.Str("projectId")).Distinct());
        Assert.Equal(items[^1].GetProperty("sequence").GetInt64(), read.GetProperty("next").GetInt64());
        await (await app.Admin.PostJson("/api/v1/webhooks", new { url = "https://hooks.example.org/feedback", eventTypes = new[] { "feedback-received" } }))
            .ExpectProblem(HttpStatusCode.BadRequest, "eventTypes[0]");
    }

    private async Task<JsonElement> Changes(long after) =>
        await (await app.Admin.GetAsync($"/api/v1/changes?after={after}&limit=1000")).Expect(HttpStatusCode.OK);
}
