using ProjectTracker.Domain.Portfolio;

namespace ProjectTracker.Api.Features.Portfolio;

public static class PortfolioEndpoints
{
    public static IServiceCollection AddPortfolio(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RankingRule>()
            .Bind(configuration.GetSection("Rankings"))
            .Validate(rule => !rule.Problems().Any(), "Rankings: weights are 0 or more, at least one above 0, and MinProjects is 1 or more.")
            .ValidateOnStart();
        services.AddSingleton<JudgedPortfolio>();
        return services;
    }

    public static void MapPortfolio(this IEndpointRouteBuilder api)
    {
        var milestones = api.MapGroup("/milestones").WithTags("Schedule");
        ListDueMilestones.Map(milestones);
        ListOverdueMilestones.Map(milestones);
        ListSlips.Map(api.MapGroup("/slips").WithTags("Schedule"));
        MilestoneTrend.Map(api.MapGroup("/projects/{id:guid}/milestones/{milestoneId:guid}").WithTags("Schedule"));
        var portfolio = api.MapGroup("/portfolio").WithTags("Portfolio");
        GetPortfolioSummary.Map(portfolio);
        GetRankings.Map(portfolio);
        GetCompletions.Map(portfolio);
    }
}
