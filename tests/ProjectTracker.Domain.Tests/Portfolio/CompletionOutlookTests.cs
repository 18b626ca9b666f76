using ProjectTracker.Domain.Portfolio;
using ProjectTracker.Domain.Projects;
using ProjectTracker.Domain.Schedule;
using ProjectTracker.Domain.Tests.Projects;

namespace ProjectTracker.Domain.Tests.Portfolio;

/// <summary>Given projects committed to finish in 2026, when their outlook is judged on 2026-06-15, then done, late, at risk or on track.</summary>
public sealed class CompletionOutlookTests
{
    private static readonly DateOnly Day = Spec.Today;

    [Fact]
    public void A_finish_done_within_the_year_is_done_and_one_done_after_it_is_late()
    {
        var finish = Finish(new DateOnly(2026, 5, 31));
        var done = Project(2026, finish, Completed(finish, new DateOnly(2026, 6, 2)));
        var lateFinish = Finish(new DateOnly(2025, 12, 20));
        var doneLate = Project(2025, lateFinish, Completed(lateFinish, new DateOnly(2026, 1, 10)));

        var ofDone = Of(done, 2026);
        var ofLate = Of(doneLate, 2025);

        Assert.Equal((Outlook.Done, new DateOnly(2026, 6, 2), new DateOnly(2026, 6, 2)), (ofDone.Outlook, ofDone.ExpectedDate, ofDone.CompletedOn));
        Assert.Equal("竣工验收 已于 2026-06-02 完成", ofDone.Reason);
        Assert.Equal((Outlook.Late, new DateOnly(2026, 1, 10)), (ofLate.Outlook, ofLate.CompletedOn));
    }

    [Fact]
    public void A_closed_project_is_done_though_its_finish_was_never_recorded()
    {
        var project = Project(2026, Finish(new DateOnly(2026, 9, 30)), new ProjectClosed(Sample.ProjectId, "竣工"));

        var outlook = Of(project, 2026);

        Assert.Equal((Outlook.Done, (DateOnly?)null, (DateOnly?)null), (outlook.Outlook, outlook.ExpectedDate, outlook.CompletedOn));
    }

    [Fact]
    public void A_finish_expected_after_31_december_is_late()
    {
        var finish = Finish(new DateOnly(2026, 11, 30));
        var project = Project(2026, finish, Forecast(finish, new DateOnly(2027, 1, 15)));

        var outlook = Of(project, 2026);

        Assert.Equal((Outlook.Late, new DateOnly(2027, 1, 15)), (outlook.Outlook, outlook.ExpectedDate));
        Assert.Equal("竣工验收 预计 2027-01-15 完成，晚于 2026 年底", outlook.Reason);
    }

    [Fact]
    public void A_finish_expected_within_the_year_but_after_its_baseline_is_at_risk()
    {
        var finish = Finish(new DateOnly(2026, 9, 30));
        var project = Project(2026, finish, Forecast(finish, new DateOnly(2026, 10, 20)));

        var outlook = Of(project, 2026);

        Assert.Equal((Outlook.AtRisk, new DateOnly(2026, 10, 20)), (outlook.Outlook, outlook.ExpectedDate));
        Assert.Equal("竣工验收 预计延期 20 天（预计 2026-10-20）", outlook.Reason);
    }

    [Fact]
    public void A_finish_on_plan_in_an_amber_project_is_at_risk_and_says_why()
    {
        var stale = Project(2026, Finish(new DateOnly(2026, 9, 30)), reported: Day.AddDays(-20));

        var outlook = Of(stale, 2026);

        Assert.Equal((Outlook.AtRisk, Rag.Amber), (outlook.Outlook, outlook.Rag));
        Assert.Equal("项目黄灯：已 20 天未报送进展", outlook.Reason);
    }

    [Fact]
    public void A_finish_that_a_late_predecessor_pushes_past_its_baseline_is_at_risk()
    {
        var works = new MilestonePlanned(Sample.ProjectId, Guid.NewGuid(), "主体完工", MilestoneKind.MainWorks, new DateOnly(2026, 8, 31), false);
        var finish = Finish(new DateOnly(2026, 9, 30));
        var project = Project(2026, works, finish, Forecast(works, new DateOnly(2026, 10, 10)),
            new MilestoneLinked(Sample.ProjectId, Guid.NewGuid(), finish.MilestoneId, Sample.ProjectId, works.MilestoneId, "主体完工", 10));

        var outlook = Of(project, 2026);

        Assert.Equal((Outlook.AtRisk, new DateOnly(2026, 10, 20)), (outlook.Outlook, outlook.ExpectedDate));
        Assert.Equal("竣工验收 预计延期 20 天（预计 2026-10-20）", outlook.Reason);
    }

    [Fact]
    public void A_finish_on_its_baseline_that_a_successor_elsewhere_needs_sooner_is_at_risk_by_negative_float()
    {
        var finish = Finish(new DateOnly(2026, 9, 30));
        var project = Project(2026, finish);
        var successor = new MilestoneRef(Guid.NewGuid(), Guid.NewGuid());
        var boundary = new ScheduleBoundary(
            new Dictionary<MilestoneRef, OutsidePredecessor>(),
            new Dictionary<Guid, DateOnly> { [finish.MilestoneId] = new DateOnly(2026, 9, 10) },
            new[] { (finish.MilestoneId, successor) }.ToLookup(s => s.MilestoneId, s => s.successor));
        var assessment = StatusRules.Assess(project, Day, StatusThresholds.Default, boundary);

        var outlook = CompletionOutlook.Of(project, assessment, 2026, Day);

        Assert.Equal((Outlook.AtRisk, new DateOnly(2026, 9, 30)), (outlook.Outlook, outlook.ExpectedDate));
        Assert.Equal("竣工验收 总时差 -20 天", outlook.Reason);
    }

    [Fact]
    public void A_finish_on_plan_in_a_green_project_is_on_track()
    {
        var project = Project(2026, Finish(new DateOnly(2026, 9, 30)));

        var outlook = Of(project, 2026);

        Assert.Equal((Outlook.OnTrack, new DateOnly(2026, 9, 30), Rag.Green), (outlook.Outlook, outlook.ExpectedDate, outlook.Rag));
        Assert.Equal("竣工验收 预计 2026-09-30 完成", outlook.Reason);
    }

    [Fact]
    public void The_finish_is_the_last_completion_or_in_service_milestone()
    {
        var completion = Finish(new DateOnly(2026, 8, 31));
        var inService = new MilestonePlanned(Sample.ProjectId, Guid.NewGuid(), "投入使用", MilestoneKind.InService, new DateOnly(2026, 10, 31), true);
        var project = Project(2026, completion, Completed(completion, new DateOnly(2026, 6, 1)), inService);

        var outlook = Of(project, 2026);

        Assert.Equal(("投入使用", Outlook.OnTrack, (DateOnly?)null), (outlook.Finish!.Name, outlook.Outlook, outlook.CompletedOn));
    }

    [Fact]
    public void A_project_with_no_finish_is_at_risk_during_the_year_and_late_after_it()
    {
        var project = Project(2026);

        Assert.Equal(Outlook.AtRisk, Of(project, 2026).Outlook);
        Assert.Equal("未设竣工或投用节点，无法判断能否按期建成", Of(project, 2026).Reason);
        Assert.Equal(Outlook.Late, Of(project, 2026, new DateOnly(2027, 1, 1)).Outlook);
    }

    [Fact]
    public void The_years_list_holds_its_committed_projects_only_the_worst_outlook_first()
    {
        Project Numbered(int n, int targetYear, params object[] events) => Project(targetYear, events) with { Id = Guid.NewGuid(), Code = $"2026-410300-48-01-00000{n}" };
        var onTrack = Numbered(1, 2026, Finish(new DateOnly(2026, 9, 30)));
        var lateFinish = Finish(new DateOnly(2026, 11, 30));
        var late = Numbered(2, 2026, lateFinish, Forecast(lateFinish, new DateOnly(2027, 2, 1)));
        var doneFinish = Finish(new DateOnly(2026, 3, 31));
        var done = Numbered(3, 2026, doneFinish, Completed(doneFinish, new DateOnly(2026, 3, 30)));
        var risky = Numbered(4, 2026);
        var nextYear = Numbered(5, 2027, Finish(new DateOnly(2027, 9, 30)));
        var cancelled = Numbered(6, 2026, new ProjectCancelled(Sample.ProjectId, "撤销"));

        var list = CompletionOutlook.For(2026, new[] { onTrack, late, done, risky, nextYear, cancelled }.Select(Judged), Day);

        Assert.Equal([(late.Code, Outlook.Late), (risky.Code, Outlook.AtRisk), (onTrack.Code, Outlook.OnTrack), (done.Code, Outlook.Done)], list.Select(c => (c.Project.Code, c.Outlook)));
    }

    [Fact]
    public void A_projects_standing_is_its_commitment_for_the_days_year_and_there_is_none_for_another_year_or_without_a_target_year()
    {
        var lateFinish = Finish(new DateOnly(2026, 11, 30));
        var late = Project(2026, lateFinish, Forecast(lateFinish, new DateOnly(2027, 1, 15)));
        var undated = Project(2026) with { Profile = Sample.Profile with { TargetYear = null } };
        var nextYear = Project(2027, Finish(new DateOnly(2027, 9, 30)));
        var cancelled = Project(2026, Finish(new DateOnly(2026, 9, 30)), new ProjectCancelled(Sample.ProjectId, "撤销"));

        var standing = CommitmentStanding.Of(late, Judged(late).Item2, Day);

        Assert.Equal(new CommitmentStanding("竣工验收", new DateOnly(2027, 1, 15), null, Outlook.Late, "竣工验收 预计 2027-01-15 完成，晚于 2026 年底"), standing);
        Assert.Null(CommitmentStanding.Of(undated, Judged(undated).Item2, Day));
        Assert.Null(CommitmentStanding.Of(nextYear, Judged(nextYear).Item2, Day));
        Assert.Null(CommitmentStanding.Of(cancelled, Judged(cancelled).Item2, Day));
    }

    private static CompletionCommitment Of(Project project, int year, DateOnly? day = null)
    {
        var (p, assessment) = Judged(project, day ?? Day);
        return CompletionOutlook.Of(p, assessment, year, day ?? Day);
    }

    private static (Project, ProjectAssessment) Judged(Project project) => Judged(project, Day);

    private static (Project, ProjectAssessment) Judged(Project project, DateOnly day) =>
        (project, StatusRules.Assess(project, day, StatusThresholds.Default, ProjectSchedule.Alone(project, day)));

    private static Project Project(int targetYear, params object[] events) => Build(targetYear, Day, events);

    private static Project Project(int targetYear, MilestonePlanned finish, DateOnly reported) => Build(targetYear, reported, [finish]);

    /// <summary>Registered in January with a progress report on <paramref name="reported"/>, then the events.</summary>
    private static Project Build(int targetYear, DateOnly reported, object[] events) =>
        new object[]
        {
            new ProjectRegistered(Sample.ProjectId, Sample.Code, Sample.Profile with { TargetYear = targetYear }),
            new ProgressReported(Sample.ProjectId, Guid.NewGuid(), reported, 30m, 100m, null, null, null, null),
        }
            .Concat(events)
            .Aggregate((Project?)null, Domain.Projects.Project.Evolve)! with
        { RegisteredAt = new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.FromHours(8)) };

    private static MilestonePlanned Finish(DateOnly baseline) => new(Sample.ProjectId, Guid.NewGuid(), "竣工验收", MilestoneKind.Completion, baseline, true);

    private static MilestoneForecastChanged Forecast(MilestonePlanned m, DateOnly forecast) => new(Sample.ProjectId, m.MilestoneId, m.BaselineDate, forecast, "设备到货延迟");

    private static MilestoneCompleted Completed(MilestonePlanned m, DateOnly actual) => new(Sample.ProjectId, m.MilestoneId, actual);
}
