using ProjectTracker.Domain.Portfolio;
using ProjectTracker.Domain.Projects;

namespace ProjectTracker.Domain.Tests.Projects;

// 规划即法: the approved plan changes only through a plan change an admin other than the asker approved.
public class PlanChangeTests
{
    private static readonly Guid RequestId = Guid.Parse("7f1d2c3b-0000-4000-8000-0000000000e1");
    private static readonly Guid OwnerKey = Guid.Parse("7f1d2c3b-0000-4000-8000-0000000000d1");
    private static readonly Guid OfficeKey = Guid.Parse("7f1d2c3b-0000-4000-8000-0000000000d2");
    private static readonly Guid MeetingId = Guid.Parse("7f1d2c3b-0000-4000-8000-0000000000f1");
    private static readonly Guid OtherMilestoneId = Guid.Parse("7f1d2c3b-0000-4000-8000-0000000000a2");

    private static ProjectRegistered Registered => new(Sample.ProjectId, Sample.Code, Sample.Profile with
    {
        TotalInvestment = 1_000_000m,
        TargetYear = 2028,
        Scope = "全长 12.4 km，设站 9 座",
    });

    private static MilestonePlanned NonKeyMilestone => new(Sample.ProjectId, OtherMilestoneId, "Track laying", MilestoneKind.MainWorks, new DateOnly(2027, 3, 31), IsKey: false);

    private static readonly PlanChangeSet Changes = new()
    {
        TotalInvestment = 1_200_000m,
        Scope = "全长 14.1 km，设站 10 座",
        Baselines = [new BaselineChange(Sample.MilestoneId, Sample.Baseline.AddDays(45))],
        AnnualPlans = [new AnnualPlanChange(2026, 30_000m)],
        UnkeyMilestones = [Sample.MilestoneId],
    };

    private static RequestPlanChange Request(PlanChangeSet? changes = null) =>
        new(RequestId, " 线路延伸至高铁站 ", " 洛发改〔2026〕88号 ", changes ?? Changes, OwnerKey, "district-410302");

    private static PlanChangeRequested Requested => new(Sample.ProjectId, RequestId, "线路延伸至高铁站", "洛发改〔2026〕88号", Changes, new PlanValues
    {
        TotalInvestment = 1_000_000m,
        Scope = "全长 12.4 km，设站 9 座",
        Baselines = [new MilestoneBaseline(Sample.MilestoneId, "Groundbreaking", Sample.Baseline)],
        AnnualPlans = [new AnnualPlanFigure(2026, 50_000m)],
        UnkeyMilestones = [new MilestoneKeyFlag(Sample.MilestoneId, "Groundbreaking", true)],
    }, OwnerKey, "district-410302");

    private static AnnualPlanSet PlanSet2026 => new(Sample.ProjectId, 2026, 50_000m);

    private static ApprovePlanChange Approve(Guid? by = null) => new(RequestId, by ?? OfficeKey, "city-office", "规委会审议通过", MeetingId);

    private static RejectPlanChange Reject(string comment = "理由不充分") => new(RequestId, OfficeKey, "city-office", comment);

    private static Spec Pending => Spec.Given(Registered, Sample.MilestonePlanned, PlanSet2026, Requested);

    [Theory]
    [InlineData("totalInvestment")]
    [InlineData("targetYear")]
    [InlineData("category")]
    [InlineData("district")]
    [InlineData("scope")]
    public void Amending_a_plan_field_directly_is_refused_and_names_it(string field)
    {
        var profile = Registered.Profile;
        var amended = field switch
        {
            "totalInvestment" => profile with { TotalInvestment = 900_000m },
            "targetYear" => profile with { TargetYear = 2029 },
            "category" => profile with { Category = Category.RingRoad },
            "district" => profile with { District = "410311" },
            _ => profile with { Scope = "全长 10 km" },
        };

        var error = Assert.Throws<DomainException>(() => ProjectDecider.Decide(new AmendProject(amended), Spec.Given(Registered).State, Spec.DefaultNow));

        Assert.Equal(DomainErrorKind.PlanChangeRequired, error.Kind);
        Assert.Equal([field], error.Fields);
    }

    [Fact]
    public void Amending_fields_outside_the_plan_stays_free()
    {
        var amended = Registered.Profile with { Name = "Metro Line 3 Phase II (east)", Description = "Now with a depot", IsPublic = true };

        Spec.Given(Registered)
            .When(new AmendProject(amended))
            .Then(new ProjectAmended(Sample.ProjectId, amended, ["name", "isPublic", "description"]));
    }

    [Fact]
    public void Changing_a_begun_years_annual_plan_directly_is_refused() =>
        Spec.Given(Registered, PlanSet2026)
            .When(new SetAnnualPlan(2026, 30_000m))
            .ThenFails(DomainErrorKind.PlanChangeRequired);

    [Fact]
    public void The_first_figure_for_a_begun_year_adds_a_commitment_and_is_free() =>
        Spec.Given(Registered)
            .When(new SetAnnualPlan(2026, 30_000m))
            .Then(new AnnualPlanSet(Sample.ProjectId, 2026, 30_000m));

    [Fact]
    public void A_year_has_begun_from_its_first_minute_in_Shanghai_while_UTC_is_still_in_the_old_year()
    {
        var given = Spec.Given(Registered, new AnnualPlanSet(Sample.ProjectId, 2027, 80_000m));
        var lastEveningOf2026 = new DateTimeOffset(2026, 12, 31, 15, 59, 0, TimeSpan.Zero);
        var firstMinuteOf2027 = new DateTimeOffset(2026, 12, 31, 16, 0, 0, TimeSpan.Zero);

        given.When(new SetAnnualPlan(2027, 70_000m), lastEveningOf2026).Then(new AnnualPlanSet(Sample.ProjectId, 2027, 70_000m));
        given.When(new SetAnnualPlan(2027, 70_000m), firstMinuteOf2027).ThenFails(DomainErrorKind.PlanChangeRequired);
    }

    [Fact]
    public void Adding_a_milestone_is_not_a_plan_change() =>
        Spec.Given(Registered)
            .When(new PlanMilestone(OtherMilestoneId, "Track laying", MilestoneKind.MainWorks, new DateOnly(2027, 3, 31), IsKey: true))
            .Then(new MilestonePlanned(Sample.ProjectId, OtherMilestoneId, "Track laying", MilestoneKind.MainWorks, new DateOnly(2027, 3, 31), true));

    [Fact]
    public void A_request_records_every_change_with_its_value_before_and_changes_nothing_yet()
    {
        Spec.Given(Registered, Sample.MilestonePlanned, PlanSet2026)
            .When(Request())
            .Then(Requested);

        var state = Pending.State!;
        Assert.Equal((1_000_000m, Sample.Baseline, true), (state.Profile.TotalInvestment, state.Milestones[0].BaselineDate, state.Milestones[0].IsKey));
        Assert.Equal(PlanChangeStatus.Pending, Assert.Single(state.PlanChanges).Status);
    }

    [Fact]
    public void An_empty_request_is_refused() =>
        Spec.Given(Registered).When(Request(new PlanChangeSet())).ThenFails(DomainErrorKind.Invalid, "changes");

    [Fact]
    public void A_field_named_with_the_value_it_has_is_refused() =>
        Spec.Given(Registered).When(Request(new PlanChangeSet { TargetYear = 2028 })).ThenFails(DomainErrorKind.Invalid, "changes.targetYear");

    [Fact]
    public void Only_a_key_milestone_can_be_made_non_key() =>
        Spec.Given(Registered, NonKeyMilestone)
            .When(Request(new PlanChangeSet { UnkeyMilestones = [OtherMilestoneId] }))
            .ThenFails(DomainErrorKind.Invalid, "changes.unkeyMilestones[0]");

    [Fact]
    public void A_request_needs_a_reason() =>
        Spec.Given(Registered).When(Request() with { Reason = " " }).ThenFails(DomainErrorKind.Invalid, "reason");

    [Fact]
    public void Approval_applies_every_change_at_once_and_says_what_and_why()
    {
        var state = Pending.When(Approve()).Apply();

        Assert.Equal((1_200_000m, "全长 14.1 km，设站 10 座", 30_000m), (state.Profile.TotalInvestment, state.Profile.Scope, state.AnnualPlans[2026]));
        var milestone = state.Milestones[0];
        Assert.Equal((Sample.Baseline.AddDays(45), Sample.Baseline.AddDays(45), false), (milestone.BaselineDate, milestone.ForecastDate, milestone.IsKey));
        var decided = Assert.Single(state.PlanChanges);
        Assert.Equal((PlanChangeStatus.Approved, MeetingId, "规委会审议通过"), (decided.Status, decided.MeetingId, decided.Comment));
        var approved = Assert.IsType<PlanChangeApproved>(Assert.Single(Pending.When(Approve()).Events()));
        Assert.Equal(("线路延伸至高铁站", "洛发改〔2026〕88号", 45), (approved.Reason, approved.DocumentRef, Assert.Single(approved.BaselineMoves).DaysMoved));
    }

    [Fact]
    public void Approval_applies_nothing_when_one_change_can_no_longer_be_made() =>
        Spec.Given(Registered, Sample.MilestonePlanned, PlanSet2026, Requested, Sample.MilestoneCompleted)
            .When(Approve())
            .ThenFails(DomainErrorKind.Conflict);

    [Fact]
    public void Approval_is_refused_when_another_approval_changed_a_named_field_since()
    {
        var otherRequest = Guid.Parse("7f1d2c3b-0000-4000-8000-0000000000e2");
        var other = new PlanChangeSet { TotalInvestment = 1_100_000m };
        Spec.Given(Registered, Sample.MilestonePlanned, PlanSet2026, Requested,
                new PlanChangeRequested(Sample.ProjectId, otherRequest, "Price rise", null, other, new PlanValues { TotalInvestment = 1_000_000m }, OwnerKey, "district-410302"),
                new PlanChangeApproved(Sample.ProjectId, otherRequest, "Price rise", null, other, new PlanValues { TotalInvestment = 1_000_000m }, [], null, null, OfficeKey, "city-office"))
            .When(Approve())
            .ThenFails(DomainErrorKind.Conflict);
    }

    [Fact]
    public void The_key_that_asked_cannot_decide() =>
        Pending.When(Approve(by: OwnerKey)).ThenFails(DomainErrorKind.Forbidden);

    [Fact]
    public void Another_key_of_the_same_holder_cannot_decide() =>
        Pending.When(Reject() with { DecidedByHolder = "王五", RequestedByHolder = "王五" }).ThenFails(DomainErrorKind.Forbidden);

    [Fact]
    public void A_request_is_decided_once()
    {
        var approved = Pending.When(Approve()).Events().Single();
        var given = Spec.Given(Registered, Sample.MilestonePlanned, PlanSet2026, Requested, approved);

        given.When(Approve()).ThenFails(DomainErrorKind.Conflict);
        given.When(Reject()).ThenFails(DomainErrorKind.Conflict);
    }

    [Fact]
    public void A_rejection_needs_a_comment_and_changes_nothing()
    {
        Pending.When(Reject(" ")).ThenFails(DomainErrorKind.Invalid, "comment");
        var state = Pending.When(Reject()).Apply();

        Assert.Equal((1_000_000m, Sample.Baseline, PlanChangeStatus.Rejected), (state.Profile.TotalInvestment, state.Milestones[0].BaselineDate, state.PlanChanges[0].Status));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_closed_or_cancelled_project_takes_no_plan_change_nor_decision(bool closed)
    {
        object ended = closed ? new ProjectClosed(Sample.ProjectId, "Accepted") : new ProjectCancelled(Sample.ProjectId, "Funding withdrawn");
        Spec.Given(Registered, Sample.MilestonePlanned, ended).When(Request()).ThenFails(DomainErrorKind.Conflict);
        var pending = Spec.Given(Registered, Sample.MilestonePlanned, PlanSet2026, Requested, ended);
        pending.When(Approve()).ThenFails(DomainErrorKind.Conflict);
        pending.When(Reject()).ThenFails(DomainErrorKind.Conflict);
    }

    [Fact]
    public void Churn_counts_every_move_in_absolute_days_while_the_net_lets_a_move_back_cancel()
    {
        var forward = new ApprovedBaselineChange(Sample.MilestoneId, "Groundbreaking", Sample.Baseline, Sample.Baseline.AddDays(30), 30, true);
        var back = new ApprovedBaselineChange(Sample.MilestoneId, "Groundbreaking", Sample.Baseline.AddDays(30), Sample.Baseline.AddDays(10), -20, true);
        var one = Guid.NewGuid();
        var two = Guid.NewGuid();

        var state = Spec.Given(
            Registered,
            Sample.MilestonePlanned,
            new RebaselineRequested(Sample.ProjectId, one, "Late land", [new RequestedBaselineChange(Sample.MilestoneId, "Groundbreaking", Sample.Baseline, Sample.Baseline.AddDays(30))], OwnerKey, "d"),
            new RebaselineApproved(Sample.ProjectId, one, [forward], null, OfficeKey, "office"),
            new PlanChangeRequested(Sample.ProjectId, two, "Caught up", null, new PlanChangeSet { Baselines = [new BaselineChange(Sample.MilestoneId, Sample.Baseline.AddDays(10))] },
                new PlanValues { Baselines = [new MilestoneBaseline(Sample.MilestoneId, "Groundbreaking", Sample.Baseline.AddDays(30))] }, OwnerKey, "d"),
            new PlanChangeApproved(Sample.ProjectId, two, "Caught up", null, new PlanChangeSet(), new PlanValues(), [back], null, null, OfficeKey, "office")).State!;

        Assert.Equal((2, 10, 50), (state.RebaselineCount, state.RebaselineDaysMoved, state.DaysMovedAbsolute));
        Assert.Equal(Sample.Baseline, state.Milestones[0].OriginalBaselineDate);
    }

    [Fact]
    public void The_original_plan_of_legacy_data_is_the_plan_as_first_recorded()
    {
        // Before plan changes existed, a PATCH could change the plan directly: the original stays what registration said.
        var amended = Registered.Profile with { TotalInvestment = 1_500_000m, TargetYear = 2030 };

        var state = Spec.Given(Registered, Sample.MilestonePlanned, new ProjectAmended(Sample.ProjectId, amended, ["totalInvestment", "targetYear"])).State!;

        Assert.Equal(new OriginalPlan(1_000_000m, 2028, "全长 12.4 km，设站 9 座", Category.RailTransit, "410302"), state.OriginalPlan);
        Assert.Equal((1_500_000m, Sample.Baseline), (state.Profile.TotalInvestment, state.Milestones[0].OriginalBaselineDate));
    }

    [Fact]
    public void A_rebaseline_request_is_the_baseline_only_kind_of_plan_change()
    {
        var state = Spec.Given(Registered, Sample.MilestonePlanned,
            new RebaselineRequested(Sample.ProjectId, RequestId, "Late land",
                [new RequestedBaselineChange(Sample.MilestoneId, "Groundbreaking", Sample.Baseline, Sample.Baseline.AddDays(30))], OwnerKey, "d")).State!;

        var request = Assert.Single(state.PlanChanges);
        Assert.True(request.Changes.IsBaselineOnly());
        Assert.Equal([ApprovedPlan.Baselines], request.Changes.Fields());
        Assert.Equal(Sample.Baseline, Assert.Single(request.Before.Baselines).BaselineDate);
    }
}
