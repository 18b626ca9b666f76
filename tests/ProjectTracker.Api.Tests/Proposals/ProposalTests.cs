using System.Net;
using System.Text.Json;
using ProjectTracker.Api.Tests.Support;

namespace ProjectTracker.Api.Tests.Proposals;

[Collection(ApiCollection.Name)]
public sealed class ProposalTests(TrackerApp app)
{
    private const string Proposals = "/api/v1/proposals";

    private static readonly int NextYear = TrackerApp.Today.Year + 1;

    private readonly Scenario given = new(app);

    private static object Proposal(string district, string? code = null, int? year = null) => new
    {
        project = Scenario.ProjectBody(district, code),
        year = year ?? NextYear,
        justification = "打通东部城区交通瓶颈",
    };

    /// <summary>A new district and a client holding its key.</summary>
    private async Task<(string District, HttpClient Client)> District()
    {
        var district = await given.NewDistrict();
        return (district, app.Client(await given.NewKey("district", district)));
    }

    private static async Task<JsonElement> Proposed(HttpClient client, object body) =>
        await (await client.PostJson(Proposals, body)).Expect(HttpStatusCode.Created);

    [Fact]
    public async Task A_district_proposes_and_the_proposal_is_listed_pending_for_that_district()
    {
        var (district, client) = await District();
        var code = Scenario.NewCode();

        var response = await client.PostJson(Proposals, Proposal(district, code));

        var proposal = await response.Expect(HttpStatusCode.Created);
        Assert.Equal($"{Proposals}/{proposal.Str("id")}", response.Headers.Location?.OriginalString);
        Assert.Equal("pending", proposal.Str("status"));
        Assert.Equal(NextYear, proposal.GetProperty("year").GetInt32());
        Assert.Equal(code, proposal.Str("code"));
        var listed = await (await client.GetAsync($"{Proposals}?status=pending&year={NextYear}")).Expect(HttpStatusCode.OK);
        var item = Assert.Single(listed.GetProperty("items").EnumerateArray());
        Assert.Equal(proposal.Str("id"), item.Str("proposalId"));
        Assert.Equal(district, item.Str("district"));
        var fetched = await (await given.Admin.GetAsync($"{Proposals}/{proposal.Str("id")}")).Expect(HttpStatusCode.OK);
        Assert.Equal("打通东部城区交通瓶颈", fetched.Str("justification"));
    }

    [Fact]
    public async Task Accepting_registers_the_project_and_links_it_to_the_proposal()
    {
        var (district, client) = await District();
        var code = Scenario.NewCode();
        var proposal = await Proposed(client, Proposal(district, code));

        var response = await given.Admin.PostAsync($"{Proposals}/{proposal.Str("id")}/accept", null);

        var accepted = await response.Expect(HttpStatusCode.Created);
        Assert.Equal("accepted", accepted.Str("status"));
        var projectId = accepted.Str("projectId");
        Assert.Equal($"/api/v1/projects/{projectId}", response.Headers.Location?.OriginalString);
        var project = await (await given.Admin.GetAsync($"/api/v1/projects/{projectId}")).Expect(HttpStatusCode.OK);
        Assert.Equal(code, project.Str("code"));
        Assert.Equal(district, project.Str("district"));
        var history = await (await given.Admin.GetAsync($"/api/v1/projects/{projectId}/history")).Expect(HttpStatusCode.OK);
        Assert.Equal("project-registered", history.EnumerateArray().First().Str("type"));
        var traced = await (await client.GetAsync($"{Proposals}?projectId={projectId}")).Expect(HttpStatusCode.OK);
        Assert.Equal(proposal.Str("id"), Assert.Single(traced.GetProperty("items").EnumerateArray()).Str("proposalId"));
        var stored = await (await client.GetAsync($"{Proposals}/{proposal.Str("id")}")).Expect(HttpStatusCode.OK);
        Assert.Equal("accepted", stored.Str("status"));
        Assert.Equal(projectId, stored.Str("projectId"));
    }

    [Fact]
    public async Task Rejecting_needs_a_reason_and_ends_rejected_without_a_project()
    {
        var (district, client) = await District();
        var proposal = await Proposed(client, Proposal(district));
        var url = $"{Proposals}/{proposal.Str("id")}/reject";

        await (await given.Admin.PostJson(url, new { reason = " " })).ExpectProblem(HttpStatusCode.BadRequest, "reason");
        await (await given.Admin.PostAsync(url, null)).ExpectProblem(HttpStatusCode.BadRequest, "reason");
        var rejected = await (await given.Admin.PostJson(url, new { reason = "资金来源未落实" })).Expect(HttpStatusCode.OK);

        Assert.Equal("rejected", rejected.Str("status"));
        Assert.Equal("资金来源未落实", rejected.Str("rejectionReason"));
        Assert.Equal(JsonValueKind.Null, rejected.GetProperty("projectId").ValueKind);
        var listed = await (await client.GetAsync($"{Proposals}?status=rejected")).Expect(HttpStatusCode.OK);
        Assert.Equal(proposal.Str("id"), Assert.Single(listed.GetProperty("items").EnumerateArray()).Str("id"));
    }

    [Fact]
    public async Task A_district_key_cannot_propose_for_another_district_nor_decide_and_a_reader_cannot_propose()
    {
        var (district, client) = await District();
        var other = await given.NewDistrict();
        var reader = app.Client(await given.NewKey("reader"));

        await (await client.PostJson(Proposals, Proposal(other))).ExpectProblem(HttpStatusCode.Forbidden);
        await (await reader.PostJson(Proposals, Proposal(district))).ExpectProblem(HttpStatusCode.Forbidden);
        var proposal = await Proposed(client, Proposal(district));
        await (await client.PostAsync($"{Proposals}/{proposal.Str("id")}/accept", null)).ExpectProblem(HttpStatusCode.Forbidden);
        await (await client.PostJson($"{Proposals}/{proposal.Str("id")}/reject", new { reason = "撤回" })).ExpectProblem(HttpStatusCode.Forbidden);

        var admins = await Proposed(given.Admin, Proposal(other));
        Assert.Equal(other, admins.Str("district"));
        var seen = await (await client.GetAsync(Proposals)).Expect(HttpStatusCode.OK);
        Assert.Equal(proposal.Str("id"), Assert.Single(seen.GetProperty("items").EnumerateArray()).Str("id"));
        await (await client.GetAsync($"{Proposals}/{admins.Str("id")}")).ExpectProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Deciding_a_decided_proposal_is_a_conflict()
    {
        var (district, client) = await District();
        var accepted = await Proposed(client, Proposal(district));
        var rejected = await Proposed(client, Proposal(district));
        await (await given.Admin.PostAsync($"{Proposals}/{accepted.Str("id")}/accept", null)).Expect(HttpStatusCode.Created);
        await (await given.Admin.PostJson($"{Proposals}/{rejected.Str("id")}/reject", new { reason = "重复申报" })).Expect(HttpStatusCode.OK);

        await (await given.Admin.PostAsync($"{Proposals}/{accepted.Str("id")}/accept", null)).ExpectProblem(HttpStatusCode.Conflict);
        await (await given.Admin.PostJson($"{Proposals}/{accepted.Str("id")}/reject", new { reason = "改主意" })).ExpectProblem(HttpStatusCode.Conflict);
        await (await given.Admin.PostAsync($"{Proposals}/{rejected.Str("id")}/accept", null)).ExpectProblem(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Of_an_accept_and_a_reject_at_the_same_moment_exactly_one_wins()
    {
        var (district, client) = await District();
        for (var round = 0; round < 5; round++)
        {
            var proposal = await Proposed(client, Proposal(district));
            var url = $"{Proposals}/{proposal.Str("id")}";

            var answers = await Task.WhenAll(
                given.Admin.PostAsync($"{url}/accept", null),
                given.Admin.PostJson($"{url}/reject", new { reason = "同时决定" }));

            var statuses = answers.Select(a => a.StatusCode).ToList();
            Assert.Single(statuses, s => s == HttpStatusCode.Conflict);
            var stored = await (await given.Admin.GetAsync(url)).Expect(HttpStatusCode.OK);
            Assert.Equal(statuses[0] == HttpStatusCode.Created ? "accepted" : "rejected", stored.Str("status"));
            Assert.Equal(stored.Str("status") == "accepted", stored.GetProperty("projectId").ValueKind == JsonValueKind.String);
        }
    }

    [Fact]
    public async Task A_plan_year_not_in_the_future_and_a_bad_project_field_are_named()
    {
        var (district, client) = await District();

        await (await client.PostJson(Proposals, Proposal(district, year: TrackerApp.Today.Year))).ExpectProblem(HttpStatusCode.BadRequest, "year");
        await (await client.PostJson(Proposals, Proposal(district, code: "not-a-code"))).ExpectProblem(HttpStatusCode.BadRequest, "project.code");
        await (await client.PostJson(Proposals, new { year = NextYear, justification = "x" })).ExpectProblem(HttpStatusCode.BadRequest, "project");
    }

    [Fact]
    public async Task Accepting_a_proposal_whose_code_is_taken_is_a_conflict_and_it_stays_pending()
    {
        var (district, client) = await District();
        var taken = (await given.NewProject(district)).Str("code");
        var proposal = await Proposed(client, Proposal(district, taken));

        await (await given.Admin.PostAsync($"{Proposals}/{proposal.Str("id")}/accept", null)).ExpectProblem(HttpStatusCode.Conflict);

        var stored = await (await given.Admin.GetAsync($"{Proposals}/{proposal.Str("id")}")).Expect(HttpStatusCode.OK);
        Assert.Equal("pending", stored.Str("status"));
        Assert.Equal(JsonValueKind.Null, stored.GetProperty("projectId").ValueKind);
    }
}
