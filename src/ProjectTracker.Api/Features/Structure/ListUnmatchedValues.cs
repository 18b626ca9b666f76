using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using ProjectTracker.Api.Infrastructure;
using ProjectTracker.Domain.Projects;

namespace ProjectTracker.Api.Features.Structure;

public static class ListUnmatchedValues
{
    public const int MaxCodesShown = 20;

    /// <param name="Field">The project field: `cluster`, `sector`, `system`, `programme`, `unit`, or `responsibleUnit` for a project with no unit whose responsible unit names none.</param>
    /// <param name="Projects">How many projects hold the value.</param>
    /// <param name="ProjectCodes">The first of them by code, at most 20.</param>
    public sealed record Row(string Field, string Value, int Projects, IReadOnlyList<string> ProjectCodes);

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/structure/unmatched", Handle)
            .RequireAuthorization(Policies.Admin)
            .WithTags("Reference data")
            .WithName("ListUnmatchedStructureValues")
            .WithSummary("The free-text values of projects that match no entry of the structure lists")
            .WithDescription("""
                Projects registered before the lists existed hold cluster, sector, programme and responsible unit as free
                text. A value equal to an entry's name (and no other entry's) reads as that entry everywhere; these are the
                values that match nothing, with the projects that hold them, so the city office can add the entry (PUT) or
                correct the projects (PATCH). Nothing is changed by reading this. Ordered by field, then most projects first.
                """);

    public static async Task<Ok<IReadOnlyList<Row>>> Handle(IQuerySession session, StructureCatalogs catalogs, CancellationToken ct)
    {
        var catalog = await catalogs.Current(session, ct);
        var projects = await session.Query<Project>().Where(p => p.Status != Domain.Portfolio.ProjectStatus.Cancelled).OrderBy(p => p.Code).ToListAsync(ct);
        var rows = projects
            .SelectMany(p => catalog.Unmatched(p.Profile).Select(u => (u.Field, u.Value, p.Code)))
            .GroupBy(u => (u.Field, u.Value))
            .Select(g => new Row(g.Key.Field, g.Key.Value, g.Count(), [.. g.Select(u => u.Code).Take(MaxCodesShown)]))
            .OrderBy(r => FieldOrder.IndexOf(r.Field)).ThenByDescending(r => r.Projects).ThenBy(r => r.Value, StringComparer.Ordinal)
            .ToList();
        return TypedResults.Ok<IReadOnlyList<Row>>(rows);
    }

    private static readonly List<string> FieldOrder = ["cluster", "sector", "system", "programme", "unit", "responsibleUnit"];
}
