using ProjectTracker.Domain.Portfolio;
using ProjectTracker.Domain.Projects;
using ProjectTracker.Domain.Schedule;

namespace ProjectTracker.Domain.Tests.Projects;

public class RecordAssessmentTests
{
    private static readonly RecordAssessment Scan = new(StatusThresholds.Default);

    /// <summary>Reported today, so reporting is not stale and only the schedule colours the project.</summary>
    private static readonly ProgressReported Fresh = Sample.Reported(Spec.Today, 5m);

    private static MilestoneForecastChanged ForecastLateBy(int days) =>
        new(Sample.ProjectId, Sample.MilestoneId, Sample.Baseline, Sample.Baseline.AddDays(days), "征迁滞后");

    private static StatusReason LateBy(int days, Rag severity) =>
        new(StatusRule.MilestoneSlip, severity, $"Groundbreaking 预计延期 {days} 天（关键节点）")
        {
            MilestoneId = Sample.MilestoneId,
            MilestoneName = "Groundbreaking",
            SlipDays = days,
            IsOverdue = false,
        };

    private static MilestoneSlipFlagged Flagged(int days, Rag severity, Rag previous = Rag.Green) =>
        new(Sample.ProjectId, Sample.MilestoneId, severity, previous, days, false, [LateBy(days, severity)], Spec.Today);

    private static ProjectRagChanged RagChanged(Rag rag, Rag previous, params StatusReason[] reasons) =>
        new(Sample.ProjectId, rag, previous, reasons, Spec.Today);

    /// <summary>The groundbreaking forecast 10 days late, and the scan has already recorded that.</summary>
    private static readonly object[] FlaggedAmber =
        [Sample.Registered, Fresh, Sample.MilestonePlanned, ForecastLateBy(10), Flagged(10, Rag.Amber), RagChanged(Rag.Amber, Rag.Green, LateBy(10, Rag.Amber))];

    [Fact]
    public void The_first_scan_flags_a_slipping_milestone_and_the_project() =>
        Spec.Given(Sample.Registered, Fresh, Sample.MilestonePlanned, ForecastLateBy(10))
            .When(Scan)
            .Then(Flagged(10, Rag.Amber), RagChanged(Rag.Amber, Rag.Green, LateBy(10, Rag.Amber)));

    [Fact]
    public void A_flag_is_remembered_on_the_milestone_and_the_project()
    {
        var project = Spec.Given(FlaggedAmber).State;

        Assert.Equal((Rag.Amber, Rag.Amber), (project?.FindMilestone(Sample.MilestoneId)?.FlaggedSeverity, project?.FlaggedRag));
        Assert.Equal([LateBy(10, Rag.Amber)], project?.FlaggedReasons ?? []);
    }

    [Fact]
    public void Scanning_again_without_change_records_nothing() =>
        Spec.Given(FlaggedAmber)
            .When(Scan)
            .ThenNothing();

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    [InlineData(45)]
    [InlineData(-20)]
    public void Scanning_the_state_the_last_scan_left_records_nothing(int forecastLateBy)
    {
        var another = new MilestonePlanned(Sample.ProjectId, Guid.NewGuid(), "立项", MilestoneKind.Approval, Spec.Today.AddDays(forecastLateBy), false);
        var state = Spec.Given(Sample.Registered, Sample.Reported(Spec.Today.AddDays(-15), 5m), Sample.MilestonePlanned, ForecastLateBy(forecastLateBy), another).State;

        var first = ProjectDecider.Decide(Scan, state, Spec.DefaultNow);
        var second = ProjectDecider.Decide(Scan, first.Aggregate(state, Project.Evolve), Spec.DefaultNow);

        Assert.NotEmpty(first);
        Assert.Empty(second);
    }

    [Fact]
    public void A_milestone_back_on_plan_is_cleared_and_the_project_turns_green() =>
        Spec.Given([.. FlaggedAmber, ForecastLateBy(0)])
            .When(Scan)
            .Then(new MilestoneSlipCleared(Sample.ProjectId, Sample.MilestoneId, Rag.Amber, Spec.Today), RagChanged(Rag.Green, Rag.Amber));

    [Fact]
    public void A_flagged_milestone_completed_is_cleared_even_when_done_late()
    {
        var overdue = new MilestonePlanned(Sample.ProjectId, Guid.NewGuid(), "立项", MilestoneKind.Approval, Spec.Today.AddDays(-5), false);
        var flagged = ProjectDecider.Decide(Scan, Spec.Given(Sample.Registered, Fresh, overdue).State, Spec.DefaultNow);

        Spec.Given([Sample.Registered, Fresh, overdue, .. flagged, new MilestoneCompleted(Sample.ProjectId, overdue.MilestoneId, Spec.Today)])
            .When(Scan)
            .Then(new MilestoneSlipCleared(Sample.ProjectId, overdue.MilestoneId, Rag.Amber, Spec.Today), RagChanged(Rag.Green, Rag.Amber));
    }

    [Fact]
    public void A_milestone_done_late_but_never_flagged_records_nothing()
    {
        var late = new MilestonePlanned(Sample.ProjectId, Guid.NewGuid(), "立项", MilestoneKind.Approval, Spec.Today.AddDays(-60), false);

        Spec.Given(Sample.Registered, Fresh, late, new MilestoneCompleted(Sample.ProjectId, late.MilestoneId, Spec.Today))
            .When(Scan)
            .ThenNothing();
    }

    [Fact]
    public void A_slip_growing_from_amber_to_red_is_flagged_again_with_the_previous_severity() =>
        Spec.Given([.. FlaggedAmber, ForecastLateBy(40)])
            .When(Scan)
            .Then(Flagged(40, Rag.Red, previous: Rag.Amber), RagChanged(Rag.Red, Rag.Amber, LateBy(40, Rag.Red)));

    [Fact]
    public void A_slip_that_grows_within_amber_records_nothing() =>
        Spec.Given([.. FlaggedAmber, ForecastLateBy(20)])
            .When(Scan)
            .ThenNothing();

    [Fact]
    public void A_change_of_the_project_light_alone_is_recorded_once()
    {
        var stale = Sample.Reported(Spec.Today.AddDays(-14), 5m);
        var reason = new StatusReason(StatusRule.StaleReporting, Rag.Amber, "已 14 天未报送进展") { DaysSinceReport = 14 };

        Spec.Given(Sample.Registered, stale, Sample.MilestonePlanned)
            .When(Scan)
            .Then(RagChanged(Rag.Amber, Rag.Green, reason));
        Spec.Given(Sample.Registered, stale, Sample.MilestonePlanned, RagChanged(Rag.Amber, Rag.Green, reason))
            .When(Scan)
            .ThenNothing();
    }

    [Fact]
    public void The_scan_judges_by_the_thresholds_it_is_given() =>
        Spec.Given(Sample.Registered, Fresh, Sample.MilestonePlanned, ForecastLateBy(10))
            .When(new RecordAssessment(new StatusThresholds { Slip = new SlipThresholds { AmberFromDays = 14 } }))
            .ThenNothing();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_closed_or_cancelled_project_is_scanned_without_events_or_errors(bool closed) =>
        Spec.Given([.. FlaggedAmber, ForecastLateBy(60), closed ? new ProjectClosed(Sample.ProjectId, null) : new ProjectCancelled(Sample.ProjectId, "撤销")])
            .When(Scan)
            .ThenNothing();
}
