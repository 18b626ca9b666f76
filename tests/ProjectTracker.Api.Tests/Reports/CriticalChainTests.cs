using ProjectTracker.Api.Features.Reports;
using ProjectTracker.Domain.Portfolio;
using ProjectTracker.Domain.Projects;
using ProjectTracker.Domain.Schedule;

namespace ProjectTracker.Api.Tests.Reports;

/// <summary>Which milestones a red project's Gantt lists: its key ones, its critical ones and the open ones a predecessor pushes, the critical kept first.</summary>
public sealed class CriticalChainTests
{
    private static readonly Guid ProjectId = Guid.NewGuid();
    private static readonly DateOnly Today = new(2026, 6, 15);

    [Fact]
    public void The_chain_keeps_the_critical_milestone_then_the_earliest_open_key_ones_and_counts_the_rest()
    {
        var done = Planned("立项批复", -30, isKey: true);
        var key = Enumerable.Range(1, 13).Select(i => Planned($"关键节点{i}", i * 10, isKey: true)).ToList();
        var site = Planned("场地平整", 15, isKey: false);
        var completion = Planned("竣工验收", 200, isKey: false, MilestoneKind.Completion);
        var project = Project([done, .. key, site, completion, new MilestoneCompleted(ProjectId, done.MilestoneId, Today.AddDays(-20))]);

        var chain = CriticalChain.Of(project, ProjectSchedule.Alone(project, Today))!;

        Assert.Equal(Today.AddDays(200), chain.TargetDate);
        Assert.Equal([.. key.Take(11).Select(m => m.Name), "竣工验收"], chain.Milestones.Select(m => m.Name));
        Assert.Equal(3, chain.LeftOut);
        var last = chain.Milestones[^1];
        Assert.Equal((true, false, 0, Today.AddDays(200)), (last.IsCritical, last.IsKey, last.TotalFloatDays, last.LatestDate));
        Assert.Equal((false, 190), (chain.Milestones[0].IsCritical, chain.Milestones[0].TotalFloatDays));
    }

    [Fact]
    public void A_project_with_no_key_or_critical_milestone_has_no_chain()
    {
        // Done, so it holds nothing up: not critical.
        var site = Planned("场地平整", -15, isKey: false);
        var project = Project([site, new MilestoneCompleted(ProjectId, site.MilestoneId, Today.AddDays(-10))]);

        Assert.Null(CriticalChain.Of(project, ProjectSchedule.Alone(project, Today)));
    }

    [Fact]
    public void An_open_milestone_a_predecessor_pushes_is_in_the_chain_though_neither_key_nor_critical()
    {
        var clearance = Planned("征地拆迁", 10, isKey: false);
        var works = Planned("主体工程完工", 40, isKey: false);
        var completion = Planned("竣工验收", 300, isKey: true, MilestoneKind.Completion);
        var project = Project([clearance, works, completion,
            new MilestoneForecastChanged(ProjectId, clearance.MilestoneId, clearance.BaselineDate, Today.AddDays(70), "征收滞后"),
            new MilestoneLinked(ProjectId, Guid.NewGuid(), works.MilestoneId, ProjectId, clearance.MilestoneId, clearance.Name, 20)]);

        var chain = CriticalChain.Of(project, ProjectSchedule.Alone(project, Today))!;

        var pushed = Assert.Single(chain.Milestones, m => m.Name == "主体工程完工");
        Assert.Equal((Today.AddDays(90), "征地拆迁", false, false), (pushed.ExpectedDate, pushed.DrivenBy, pushed.IsKey, pushed.IsCritical));
        Assert.DoesNotContain(chain.Milestones, m => m.Name == "征地拆迁");
    }

    private static MilestonePlanned Planned(string name, int inDays, bool isKey, MilestoneKind kind = MilestoneKind.Groundbreaking) =>
        new(ProjectId, Guid.NewGuid(), name, kind, Today.AddDays(inDays), isKey);

    private static Project Project(IEnumerable<object> events) =>
        events.Prepend(new ProjectRegistered(ProjectId, "2026-410300-48-01-000777", new ProjectProfile
        {
            Name = "轨道交通站点",
            Category = Category.RailTransit,
            District = "410302",
            ResponsibleUnit = "市轨道交通集团",
            TargetYear = 2028,
        })).Aggregate((Project?)null, Domain.Projects.Project.Evolve)!;
}
