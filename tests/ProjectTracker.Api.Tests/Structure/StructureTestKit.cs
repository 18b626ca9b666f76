using System.Net;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using ProjectTracker.Api.Tests.Support;
using ProjectTracker.Domain.Portfolio;
using ProjectTracker.Domain.Projects;

namespace ProjectTracker.Api.Tests.Structure;

/// <summary>Entries of the structure lists with names no other test uses: the lists are shared by every test of the run.</summary>
internal sealed record StructureKit(Scenario Given, TrackerApp App)
{
    public async Task<(string Code, string Name)> Entry(string list, object? body = null)
    {
        var n = Scenario.Next();
        var code = $"t{n}";
        var name = $"测试{list}{n}";
        await (await Given.Admin.PutJson($"/api/v1/{list}/{code}", body ?? new { name })).Expect(HttpStatusCode.Created);
        return (code, name);
    }

    public async Task<(string Code, string Name)> Programme(string system)
    {
        var n = Scenario.Next();
        var name = $"测试专项{n}";
        await (await Given.Admin.PutJson($"/api/v1/programmes/p{n}", new { name, system })).Expect(HttpStatusCode.Created);
        return ($"p{n}", name);
    }

    public async Task<(string Code, string Name)> Unit()
    {
        var n = Scenario.Next();
        var name = $"测试单位{n}";
        await (await Given.Admin.PutJson($"/api/v1/units/u{n}", new { name, kind = "city-bureau", leader = "李四", email = $"u{n}@example.gov.cn" }))
            .Expect(HttpStatusCode.Created);
        return ($"u{n}", name);
    }

    /// <summary>A project registered before the lists existed: its cluster, sector, programme and unit are free text.</summary>
    public async Task<Guid> LegacyProject(string district, string responsibleUnit, string? cluster = null, string? sector = null, string? programme = null)
    {
        var id = Guid.CreateVersion7();
        var profile = new ProjectProfile
        {
            Name = "旧项目",
            Category = Category.RingRoad,
            District = district,
            ResponsibleUnit = responsibleUnit,
            LeadOfficial = "赵六（老城区副区长）",
            Cluster = cluster,
            Sector = sector,
            Programme = programme,
            IsPublic = true,
        };
        await using var session = App.Services.GetRequiredService<IDocumentStore>().LightweightSession();
        session.Events.StartStream<Project>(id, new ProjectRegistered(id, Scenario.NewCode(), profile));
        await session.SaveChangesAsync();
        return id;
    }
}
