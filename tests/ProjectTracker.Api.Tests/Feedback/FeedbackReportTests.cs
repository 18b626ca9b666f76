using System.Net;
using System.Text;
using System.Text.Json;
using MiniExcelLibs;
using Npgsql;
using ProjectTracker.Api.Features.Imports;
using ProjectTracker.Api.Features.Reports;
using ProjectTracker.Api.Tests.Issues;
using ProjectTracker.Api.Tests.Support;

namespace ProjectTracker.Api.Tests.Feedback;

/// <summary>The weekly report counts the public's messages by responsible unit: received, published and answered in the week, and what waits at its end.</summary>
public sealed class FeedbackReportTests(FeedbackApp app) : IClassFixture<FeedbackApp>
{
    private static (int, int, int, int, int) Counts(JsonElement row) => (
        row.GetProperty("received").GetInt32(),
        row.GetProperty("published").GetInt32(),
        row.GetProperty("answered").GetInt32(),
        row.GetProperty("awaitingReview").GetInt32(),
        row.GetProperty("awaitingReply").GetInt32());

    [Fact]
    public async Task The_report_counts_each_units_messages_received_published_and_answered_and_a_past_week_keeps_its_counts()
    {
        var unit = await app.Given.NewUnit();
        var projects = new[] { await app.Given.NewPublicProject(unit: unit), await app.Given.NewPublicProject(unit: unit) };
        var ids = new List<string>();
        foreach (var project in new[] { projects[0], projects[0], projects[1], projects[1] })
        {
            ids.Add(await app.NewMessage(project));
        }

        await (await app.Admin.PostJson($"/api/v1/feedback/{ids[0]}/publish", new { })).Expect(HttpStatusCode.OK);
        await (await app.Admin.PostJson($"/api/v1/feedback/{ids[1]}/publish", new { })).Expect(HttpStatusCode.OK);
        await (await app.Admin.PostJson($"/api/v1/feedback/{ids[2]}/reject", new { })).Expect(HttpStatusCode.OK);
        await (await app.Admin.PostJson($"/api/v1/feedback/{ids[0]}/reply", new { text = "已整改。" })).Expect(HttpStatusCode.OK);
        await (await app.Admin.PostJson($"/api/v1/feedback/{ids[0]}/reply", new { text = "已整改完毕。" })).Expect(HttpStatusCode.OK);
        var week = IsoWeek.Of(app.Today);

        var report = await (await app.Admin.GetAsync($"/api/v1/reports/weekly/{week}?unit={unit}")).Expect(HttpStatusCode.OK);

        var feedback = report.GetProperty("feedback");
        // Received 4, published 2, answered 1 (a corrected answer is not a second), one awaits review and one a reply.
        Assert.Equal((4, 2, 1, 1, 1), Counts(feedback.GetProperty("total")));
        var row = Assert.Single(feedback.GetProperty("byUnit").EnumerateArray());
        Assert.Equal((unit, $"测试责任单位{unit}"), (row.Str("key"), row.Str("label")));
        Assert.Equal((4, 2, 1, 1, 1), Counts(row));
        var page = await (await app.Admin.GetAsync($"/api/v1/reports/weekly/{week}?unit={unit}&format=html")).Content.ReadAsStringAsync();
        Assert.Contains("十二、公众留言（汇聚民意）", page, StringComparison.Ordinal);
        Assert.Contains("本周收到公众留言 <strong>4</strong> 条，公开 2 条，责任单位答复 1 条；截至统计时点，待审核 1 条，已公开待答复 <strong>1</strong> 条。", page, StringComparison.Ordinal);
        var csv = await (await app.Admin.GetAsync($"/api/v1/reports/weekly/{week}?unit={unit}&format=csv&table=feedback")).EnsureSuccessStatusCode().Content.ReadAsByteArrayAsync();
        var rows = ImportSheet.CsvRecords(Encoding.UTF8.GetString(csv[3..]));
        Assert.Equal(["代码", "责任单位", "本周收到", "本周公开", "本周答复", "待审核", "待答复"], rows[0]);
        Assert.Equal([unit, $"测试责任单位{unit}", "4", "2", "1", "1", "1"], rows[1]);
        Assert.Equal(["", "合计", "4", "2", "1", "1", "1"], rows[2]);
        var xlsx = await (await app.Admin.GetAsync($"/api/v1/reports/weekly/{week}?unit={unit}&format=xlsx")).EnsureSuccessStatusCode().Content.ReadAsByteArrayAsync();
        using (var workbook = new MemoryStream(xlsx))
        {
            Assert.Equal(2, workbook.Query(useHeaderRow: true, sheetName: "公众留言").Count());
        }

        // The next week: what happens now is its news, and last week's counts stand.
        app.Clock.Advance(TimeSpan.FromDays(7));
        await (await app.Admin.PostJson($"/api/v1/feedback/{ids[3]}/publish", new { })).Expect(HttpStatusCode.OK);
        await (await app.Admin.PostJson($"/api/v1/feedback/{ids[1]}/reply", new { text = "已答复。" })).Expect(HttpStatusCode.OK);

        var lastWeek = await (await app.Admin.GetAsync($"/api/v1/reports/weekly/{week}?unit={unit}")).Expect(HttpStatusCode.OK);
        var thisWeek = await (await app.Admin.GetAsync($"/api/v1/reports/weekly/{week.Next}?unit={unit}")).Expect(HttpStatusCode.OK);

        Assert.Equal((4, 2, 1, 1, 1), Counts(lastWeek.GetProperty("feedback").GetProperty("total")));
        Assert.Equal((0, 1, 1, 0, 1), Counts(thisWeek.GetProperty("feedback").GetProperty("total")));
    }

    [Fact]
    public async Task A_report_frozen_before_messages_were_counted_still_reads_in_every_format()
    {
        var week = IsoWeek.Of(app.Today).Previous.Previous;
        await (await app.Admin.GetAsync($"/api/v1/reports/weekly/{week}")).Expect(HttpStatusCode.OK);
        // As a report frozen by an earlier version stands in the database: no feedback section at all.
        await using (var connection = new NpgsqlConnection(app.ConnectionString))
        {
            await connection.OpenAsync();
            await using var strip = new NpgsqlCommand(
                "update tracker.mt_doc_weeklyreportsnapshot set data = jsonb_set(data, '{json}', to_jsonb(((data->>'json')::jsonb - 'feedback')::text)) where id = $1",
                connection)
            { Parameters = { new() { Value = week.ToString() } } };
            Assert.Equal(1, await strip.ExecuteNonQueryAsync());
        }

        var json = await (await app.Admin.GetAsync($"/api/v1/reports/weekly/{week}")).Expect(HttpStatusCode.OK);
        var page = await (await app.Admin.GetAsync($"/api/v1/reports/weekly/{week}?format=html")).EnsureSuccessStatusCode().Content.ReadAsStringAsync();
        var csv = await (await app.Admin.GetAsync($"/api/v1/reports/weekly/{week}?format=csv&table=feedback")).EnsureSuccessStatusCode().Content.ReadAsByteArrayAsync();
        var xlsx = await app.Admin.GetAsync($"/api/v1/reports/weekly/{week}?format=xlsx");

        Assert.False(json.TryGetProperty("feedback", out var absent) && absent.ValueKind != JsonValueKind.Null);
        Assert.DoesNotContain("公众留言", page, StringComparison.Ordinal);
        Assert.Single(ImportSheet.CsvRecords(Encoding.UTF8.GetString(csv[3..])));
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
    }
}
