using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ProjectTracker.Api.Features.Portfolio;
using ProjectTracker.Domain.Portfolio;

namespace ProjectTracker.Api.Tests.Portfolio;

/// <summary>The ranking rule as configuration (section <c>Rankings</c>) sets it, and what the host refuses.</summary>
public sealed class RankingSettingsTests
{
    [Fact]
    public void Weights_and_the_minimum_come_from_the_rankings_section_and_the_rule_says_them()
    {
        var rule = Rule(new()
        {
            ["Rankings:Weights:KeyMilestonesOnTime"] = "30",
            ["Rankings:Weights:IssuesClosedOnTime"] = "0",
            ["Rankings:MinProjects"] = "5",
        });

        Assert.Equal((30m, 0m, 15m, 5), (rule.Weights.KeyMilestonesOnTime, rule.Weights.IssuesClosedOnTime, rule.Weights.StartRate, rule.MinProjects));
        // Shares of the total, which is 100 again with the issues left out.
        Assert.Contains("关键节点按期完成率 30%", rule.Describe(), StringComparison.Ordinal);
        Assert.Contains("问题按期办结率权重为 0，不计入。", rule.Describe(), StringComparison.Ordinal);
        Assert.Contains("项目少于 5 个", rule.Describe(), StringComparison.Ordinal);
        Assert.Equal(RankingRule.Default.Weights, Rule([]).Weights);
    }

    [Fact]
    public void A_negative_weight_or_a_minimum_below_one_is_refused()
    {
        Assert.Throws<OptionsValidationException>(() => Rule(new() { ["Rankings:Weights:StartRate"] = "-5" }));
        Assert.Throws<OptionsValidationException>(() => Rule(new() { ["Rankings:MinProjects"] = "0" }));
    }

    private static RankingRule Rule(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var services = new ServiceCollection().AddPortfolio(configuration).BuildServiceProvider();
        return services.GetRequiredService<IOptions<RankingRule>>().Value;
    }
}
