using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using ProjectTracker.Api.Features.Portfolio;
using ProjectTracker.Api.Features.Projects;
using ProjectTracker.Api.Features.Public;
using ProjectTracker.Api.Features.Structure;
using ProjectTracker.Api.Infrastructure;
using ProjectTracker.Domain.Portfolio;
using ProjectTracker.Domain.Structure;

namespace ProjectTracker.Api.Features.Pages;

/// <summary>
/// <c>GET /public</c>: the public portfolio at a glance (规划馆): lights and the four rates, by cluster and by category, and
/// this year's completion commitments, counting public projects only. Read from the projects each node keeps judged
/// (<see cref="JudgedPortfolio"/>, as the summary and the rankings are), so it costs a version query, not 10,000 documents.</summary>
public static class ShowOverview
{
    public const int CompletionsPageSize = 20;

    /// <param name="Completions">This year's commitments of public projects: late first, as <c>/portfolio/completions</c> orders them.</param>
    /// <param name="CompletionsOnPage">The page of them shown, <paramref name="Page"/> of <paramref name="Pages"/>.</param>
    public sealed record Model(
        DateOnly AssessedOn,
        GetPortfolioSummary.Row Totals,
        IReadOnlyList<GetPortfolioSummary.Row> ByCluster,
        IReadOnlyList<GetPortfolioSummary.Row> ByCategory,
        GetCompletions.Counts Completions,
        IReadOnlyList<CompletionLine> CompletionsOnPage,
        int Page,
        int Pages);

    public sealed record CompletionLine(Guid ProjectId, string Code, string Name, string DistrictName, string UnitName, CommitmentStanding Commitment, Rag Rag);

    public static void Map(IEndpointRouteBuilder app) => app.MapGet(PublicSite.Root, Handle);

    public static async Task<ContentHttpResult> Handle(
        HttpContext http, IQuerySession session, ProjectView view, JudgedPortfolio judged, StructureCatalogs catalogs, string? page, CancellationToken ct)
    {
        var day = view.Today;
        var shown = (await judged.Current(session, day, ct))
            .Where(f => f.Figures.Profile.IsPublic && f.Figures.Status != ProjectStatus.Cancelled)
            .ToList();
        var catalog = await catalogs.Current(session, ct);
        var names = new GetPortfolioSummary.GroupNames(new Dictionary<string, string>(), catalog);
        var figures = shown.Select(f => f.Figures).ToList();
        var (byCluster, totals) = GetPortfolioSummary.Summarise(figures, GetPortfolioSummary.Grouping.Cluster, names);
        var (byCategory, _) = GetPortfolioSummary.Summarise(figures, GetPortfolioSummary.Grouping.Category, names);

        var committed = shown
            .Where(f => f.Commitment?.Year == day.Year)
            .OrderBy(f => f.Commitment!.Outlook)
            .ThenBy(f => f.Commitment!.ExpectedDate ?? DateOnly.MaxValue)
            .ThenBy(f => f.Figures.Code, StringComparer.Ordinal)
            .ToList();
        var pages = Math.Max(1, (committed.Count + CompletionsPageSize - 1) / CompletionsPageSize);
        var number = PublicSite.PageNumber(page, pages);
        var onPage = committed.Skip((number - 1) * CompletionsPageSize).Take(CompletionsPageSize).ToList();
        var districtName = await PublicProjects.DistrictNames(session, onPage.Select(f => f.Figures.Profile.District), ct);
        var model = new Model(
            day,
            totals,
            byCluster,
            byCategory,
            new GetCompletions.Counts(
                committed.Count(f => f.Commitment!.Outlook == Outlook.Late),
                committed.Count(f => f.Commitment!.Outlook == Outlook.AtRisk),
                committed.Count(f => f.Commitment!.Outlook == Outlook.OnTrack),
                committed.Count(f => f.Commitment!.Outlook == Outlook.Done),
                committed.Count),
            [.. onPage.Select(f => Line(f, catalog, districtName))],
            number,
            pages);
        return PublicSite.Page<OverviewPage>(http, model);
    }

    private static CompletionLine Line(ProjectRankingFigures f, StructureCatalog catalog, Func<string, string> districtName)
    {
        var profile = f.Figures.Profile;
        var unit = catalog.NameOf(StructureList.Unit, catalog.Place(profile).Unit) ?? profile.ResponsibleUnit;
        return new CompletionLine(f.Figures.ProjectId, f.Figures.Code, profile.Name, districtName(profile.District), unit, f.Commitment!, f.Figures.Rag);
    }

    /// <summary>A category row's name in Chinese (the summary names it by its wire name).</summary>
    public static string CategoryLabel(GetPortfolioSummary.Row row) =>
        WireEnum.From<Category>(row.Key) is { } category ? category.ChineseName() : row.Label;
}
