using System.Text.Json;
using ProjectTracker.Domain.Portfolio;
using ProjectTracker.Domain.Projects;
using ProjectTracker.Domain.Schedule;

namespace ProjectTracker.Domain.Tests.Projects;

public class ProjectSerializationTests
{
    [Fact]
    public void A_project_with_plans_year_end_figures_and_flags_survives_a_json_round_trip()
    {
        var reason = new StatusReason(StatusRule.InvestmentPace, Rag.Red, "本年投资完成率 12.0%，慢于序时进度 38.0 个百分点（序时进度 50.0%）")
        {
            ProRataPercent = 50.0m,
            InvestmentPercent = 12.0m,
            PointsBehind = 38.0m,
        };
        var project = Spec.Given(
            Sample.Registered,
            Sample.MilestonePlanned,
            new AnnualPlanSet(Sample.ProjectId, 2026, 50_000m),
            new AnnualPlanSet(Sample.ProjectId, 2027, 80_000m),
            Sample.Reported(new DateOnly(2025, 12, 20), 30m),
            Sample.Reported(new DateOnly(2026, 6, 1), 35m),
            new MilestoneSlipFlagged(Sample.ProjectId, Sample.MilestoneId, Rag.Amber, Rag.Green, 10, false, [], Spec.Today),
            new ProjectRagChanged(Sample.ProjectId, Rag.Red, Rag.Green, [reason], Spec.Today)).State!;

        var json = JsonSerializer.Serialize(project);
        var read = JsonSerializer.Deserialize<Project>(json)!;

        Assert.Equal(project.AnnualPlans, read.AnnualPlans);
        Assert.Equal(project.InvestmentToDateByYear, read.InvestmentToDateByYear);
        Assert.Equal(project.LatestReportDateByYear, read.LatestReportDateByYear);
        Assert.Equal(project.FlaggedReasons, read.FlaggedReasons);
        Assert.Equal((Rag.Red, Rag.Amber), (read.FlaggedRag, read.Milestones.Single().FlaggedSeverity));
        Assert.Equal(json, JsonSerializer.Serialize(read));
    }
}
