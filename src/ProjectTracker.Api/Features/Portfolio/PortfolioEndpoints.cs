namespace ProjectTracker.Api.Features.Portfolio;

/// <summary>Read-only views across projects; any valid key reads them (the fallback policy).</summary>
public static class PortfolioEndpoints
{
    public static void MapPortfolio(this IEndpointRouteBuilder api)
    {
        var milestones = api.MapGroup("/milestones").WithTags("Schedule");
        ListDueMilestones.Map(milestones);
        ListOverdueMilestones.Map(milestones);
        ListSlips.Map(api.MapGroup("/slips").WithTags("Schedule"));
        MilestoneTrend.Map(api.MapGroup("/projects/{id:guid}/milestones/{milestoneId:guid}").WithTags("Schedule"));
        GetPortfolioSummary.Map(api.MapGroup("/portfolio").WithTags("Portfolio"));
    }
}
