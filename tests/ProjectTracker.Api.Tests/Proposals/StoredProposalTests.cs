using System.Net;
using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using ProjectTracker.Api.Features.Proposals;
using ProjectTracker.Api.Tests.Support;

namespace ProjectTracker.Api.Tests.Proposals;

/// <summary>Proposals stored while the document held the request record itself must still load and register.</summary>
[Collection(ApiCollection.Name)]
public sealed class StoredProposalTests(TrackerApp app)
{
    private readonly Scenario given = new(app);

    /// <summary>A pending proposal's <c>data</c> exactly as the code before <see cref="ProposedProject"/> stored it.</summary>
    private static string StoredBefore(Guid id, string code, string district, int year) => $$"""
        {"id": "{{id}}", "year": {{year}}, "status": "pending", "project": {"code": "{{code}}", "name": "东环路快速化改造", "sector": null, "cluster": null, "category": "ring-road", "district": "{{district}}", "isPublic": true, "programme": null, "planPeriod": "14th", "targetYear": 2027, "description": "东环路全线快速化改造", "contactEmail": "pm@example.gov.cn", "leadOfficial": "张三", "responsibleUnit": "市交通运输局", "totalInvestment": 125000.5}, "district": "{{district}}", "decidedAt": null, "decidedBy": null, "projectId": null, "proposedAt": "2026-06-15T02:00:00.012+00:00", "proposedBy": "bootstrap-admin", "justification": "j", "decidedByKeyId": null, "proposedByKeyId": "00000000-0000-0000-0000-00000000ad01", "rejectionReason": null}
        """;

    private IDocumentStore Store => app.Services.GetRequiredService<IDocumentStore>();

    [Fact]
    public async Task A_proposal_stored_in_the_earlier_shape_loads_and_is_accepted()
    {
        var district = await given.NewDistrict();
        var code = Scenario.NewCode();
        var id = Guid.CreateVersion7();
        await Store.Storage.Database.EnsureStorageExistsAsync(typeof(Proposal));
        await using (var session = Store.LightweightSession())
        {
            session.QueueSqlCommand(
                "insert into tracker.mt_doc_proposal (id, data, mt_last_modified, mt_version, mt_dotnet_type) values (?, ?::jsonb, now(), ?, ?)",
                id, StoredBefore(id, code, district, TrackerApp.Today.Year + 1), Guid.NewGuid(), typeof(Proposal).FullName!);
            await session.SaveChangesAsync();
        }

        var fetched = await (await given.Admin.GetAsync($"/api/v1/proposals/{id}")).Expect(HttpStatusCode.OK);
        Assert.Equal(code, fetched.GetProperty("project").Str("code"));
        Assert.Equal(125000.5m, fetched.GetProperty("project").GetProperty("totalInvestment").GetDecimal());
        var accepted = await (await given.Admin.PostAsync($"/api/v1/proposals/{id}/accept", null)).Expect(HttpStatusCode.Created);
        var project = await (await given.Admin.GetAsync($"/api/v1/projects/{accepted.Str("projectId")}")).Expect(HttpStatusCode.OK);
        Assert.Equal(code, project.Str("code"));
        Assert.Equal("市交通运输局", project.Str("responsibleUnit"));
        Assert.Equal("14th", project.Str("planPeriod"));
    }

    [Fact]
    public async Task A_new_proposal_stores_its_project_in_the_same_shape_plus_the_fields_added_since()
    {
        var district = await given.NewDistrict();
        var body = new { project = Scenario.ProjectBody(district), year = TrackerApp.Today.Year + 1, justification = "j" };
        var proposal = await (await given.Admin.PostJson("/api/v1/proposals", body)).Expect(HttpStatusCode.Created);

        await using var query = Store.QuerySession();
        var stored = (await query.AdvancedSql.QueryAsync<string>(
            "select data->'project' from tracker.mt_doc_proposal where id = ?", CancellationToken.None, Guid.Parse(proposal.Str("id")))).Single();
        var names = JsonDocument.Parse(stored).RootElement.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal);
        var before = JsonDocument.Parse(StoredBefore(Guid.Empty, "c", "d", 2027)).RootElement.GetProperty("project").EnumerateObject().Select(p => p.Name);
        // scope (建设内容及规模, issue 16), system and unit (issue 18), location (issue 19) are new and optional: a proposal stored
        // without them reads them as null.
        Assert.Equal(before.Concat(["scope", "system", "unit", "location"]).Order(StringComparer.Ordinal), names);
    }
}
