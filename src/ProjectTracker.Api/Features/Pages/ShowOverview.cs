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

// GET /public (规划馆): the public projects' lights and rates by cluster and by category, and this year's completion
// commitments, all from JudgedPortfolio, so it costs a version query, not 10,000 documents.
public static class ShowOverview
{
    public const int CompletionsPageSize = 20;

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
        var shown = (await judged.Current(session, day, ct)).Where(f => f.Figures.Profile.IsPublic).ToList();
        var catalog = await catalogs.Current(session, ct);
        var names = new GetPortfolioSummary.GroupNames(new Dictionary<string, string>(), catalog);
        var figures = shown.Select(f => f.Figures).ToList();

        var committed = shown
            .Where(f => f.Commitment is not null)
            .LateFirst(f => (f.Commitment!.Outlook, f.Commitment.ExpectedDate, f.Figures.Code))
            .ToList();
        var (onPage, number, pages) = PublicSite.PageOf(committed, page, CompletionsPageSize);
        var districtName = await PublicProjects.DistrictNames(session, onPage.Select(f => f.Figures.Profile.District), ct);
        var model = new Model(
            day,
            GetPortfolioSummary.Totals(figures),
            GetPortfolioSummary.Rows(figures, GetPortfolioSummary.Grouping.Cluster, names),
            GetPortfolioSummary.Rows(figures, GetPortfolioSummary.Grouping.Category, names),
            GetCompletions.Counts.Of([.. committed.Select(f => f.Commitment!.Outlook)]),
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

    // The summary names a category row by its wire name.
    public static string CategoryLabel(GetPortfolioSummary.Row row) =>
        WireEnum.From<Category>(row.Key) is { } category ? category.ChineseName() : row.Label;
}
