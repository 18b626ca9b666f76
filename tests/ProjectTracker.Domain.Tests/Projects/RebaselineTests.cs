using System.Text.Json;
using ProjectTracker.Domain.Portfolio;
using ProjectTracker.Domain.Projects;

namespace ProjectTracker.Domain.Tests.Projects;

public class RebaselineTests
{
    private static readonly Guid RequestId = Guid.Parse("7f1d2c3b-0000-4000-8000-0000000000c1");
    private static readonly Guid SecondRequestId = Guid.Parse("7f1d2c3b-0000-4000-8000-0000000000c2");
    private static readonly Guid OwnerKey = Guid.Parse("7f1d2c3b-0000-4000-8000-0000000000d1");
    private static readonly Guid OfficeKey = Guid.Parse("7f1d2c3b-0000-4000-8000-0000000000d2");
    private static readonly Guid SecondMilestoneId = Guid.Parse("7f1d2c3b-0000-4000-8000-0000000000a2");
    private static readonly DateOnly SecondBaseline = new(2027, 3, 31);
    private static readonly DateOnly Later = Sample.Baseline.AddDays(30);

    private static MilestonePlanned SecondMilestonePlanned =>
        new(Sample.ProjectId, SecondMilestoneId, "Main works", MilestoneKind.MainWorks, SecondBaseline, IsKey: false);

    private static RequestRebaseline Request(params BaselineChange[] changes) =>
        new(RequestId, "Land clearance took four more weeks", changes, OwnerKey, "district-410302");

    private static RebaselineRequested Requested(Guid? requestId = null, DateOnly? current = null, DateOnly? to = null) =>
        new(Sample.ProjectId, requestId ?? RequestId, "Land clearance took four more weeks",
            [new RequestedBaselineChange(Sample.MilestoneId, "Groundbreaking", current ?? Sample.Baseline, to ?? Later)],
            OwnerKey, "district-410302");

    private static RebaselineApproved Approved(Guid? requestId = null, DateOnly? from = null, DateOnly? to = null, bool forecastFollowed = true)
    {
        var previous = from ?? Sample.Baseline;
        var next = to ?? Later;
        return new(Sample.ProjectId, requestId ?? RequestId,
            [new ApprovedBaselineChange(Sample.MilestoneId, "Groundbreaking", previous, next, next.DayNumber - previous.DayNumber, forecastFollowed)],
            "Agreed", OfficeKey, "city-office");
    }

    private static RebaselineRejected Rejected(Guid? requestId = null) =>
        new(Sample.ProjectId, requestId ?? RequestId, "Catch up instead", OfficeKey, "city-office");

    private static ApproveRebaseline Approve(Guid? by = null, Guid? requestId = null, string? comment = "Agreed") =>
        new(requestId ?? RequestId, by ?? OfficeKey, "city-office", comment);

    private static RejectRebaseline Reject(Guid? by = null, string? comment = "Catch up instead") =>
        new(RequestId, by ?? OfficeKey, "city-office", comment);

    // Asking

    [Fact]
    public void Requesting_records_each_change_with_the_milestone_name_and_current_baseline_and_a_trimmed_reason() =>
        Spec.Given(Sample.Registered, Sample.MilestonePlanned, SecondMilestonePlanned)
            .When(Request(new BaselineChange(Sample.MilestoneId, Later), new BaselineChange(SecondMilestoneId, SecondBaseline.AddDays(-10))) with
            {
                Reason = "  Land clearance took four more weeks ",
            })
            .Then(new RebaselineRequested(Sample.ProjectId, RequestId, "Land clearance took four more weeks",
                [
                    new RequestedBaselineChange(Sample.MilestoneId, "Groundbreaking", Sample.Baseline, Later),
                    new RequestedBaselineChange(SecondMilestoneId, "Main works", SecondBaseline, SecondBaseline.AddDays(-10)),
                ],
                OwnerKey, "district-410302"));

    [Fact]
    public void A_request_is_pending_and_moves_no_baseline()
    {
        var state = Spec.Given(Sample.Registered, Sample.MilestonePlanned, Requested()).State!;

        var request = Assert.Single(state.PlanChanges);
        Assert.Equal((RequestId, PlanChangeStatus.Pending, OwnerKey), (request.Id, request.Status, request.RequestedByKeyId));
        Assert.Equal((Sample.Baseline, Sample.Baseline), (state.Milestones[0].BaselineDate, state.Milestones[0].ForecastDate));
        Assert.Equal((0, 0), (state.RebaselineCount, state.RebaselineDaysMoved));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void A_request_without_a_reason_is_invalid(string reason) =>
        Spec.Given(Sample.Registered, Sample.MilestonePlanned)
            .When(Request(new BaselineChange(Sample.MilestoneId, Later)) with { Reason = reason })
            .ThenFails(DomainErrorKind.Invalid, "reason");

    [Fact]
    public void A_request_without_changes_is_invalid() =>
        Spec.Given(Sample.Registered, Sample.MilestonePlanned)
            .When(Request())
            .ThenFails(DomainErrorKind.Invalid, "changes");

    [Fact]
    public void A_request_naming_an_unknown_milestone_is_invalid_at_that_change() =>
        Spec.Given(Sample.Registered, Sample.MilestonePlanned)
            .When(Request(new BaselineChange(Sample.MilestoneId, Later), new BaselineChange(Guid.NewGuid(), Later)))
            .ThenFails(DomainErrorKind.Invalid, "changes[1].milestoneId");

    [Fact]
    public void A_request_naming_a_milestone_twice_is_invalid_at_the_repeat() =>
        Spec.Given(Sample.Registered, Sample.MilestonePlanned)
            .When(Request(new BaselineChange(Sample.MilestoneId, Later), new BaselineChange(Sample.MilestoneId, Later.AddDays(5))))
            .ThenFails(DomainErrorKind.Invalid, "changes[1].milestoneId");

    [Fact]
    public void A_request_to_keep_the_current_baseline_is_invalid_at_that_date() =>
        Spec.Given(Sample.Registered, Sample.MilestonePlanned, SecondMilestonePlanned)
            .When(Request(new BaselineChange(SecondMilestoneId, SecondBaseline.AddDays(1)), new BaselineChange(Sample.MilestoneId, Sample.Baseline)))
            .ThenFails(DomainErrorKind.Invalid, "changes[1].newBaselineDate");

    [Fact]
    public void A_request_to_move_a_baseline_beyond_2100_is_invalid_at_that_date() =>
        Spec.Given(Sample.Registered, Sample.MilestonePlanned, SecondMilestonePlanned)
            .When(Request(new BaselineChange(SecondMilestoneId, SecondBaseline.AddDays(1)), new BaselineChange(Sample.MilestoneId, DateOnly.MaxValue)))
            .ThenFails(DomainErrorKind.Invalid, "changes[1].newBaselineDate");

    [Fact]
    public void A_completed_milestones_baseline_cannot_be_moved() =>
        Spec.Given(Sample.Registered, Sample.MilestonePlanned, Sample.MilestoneCompleted)
            .When(Request(new BaselineChange(Sample.MilestoneId, Later)))
            .ThenFails(DomainErrorKind.Conflict);

    [Fact]
    public void A_baseline_may_be_asked_to_move_earlier() =>
        Spec.Given(Sample.Registered, Sample.MilestonePlanned)
            .When(Request(new BaselineChange(Sample.MilestoneId, Sample.Baseline.AddDays(-14))))
            .Then(Requested(to: Sample.Baseline.AddDays(-14)));

    [Fact]
    public void Several_requests_may_be_pending_at_once() =>
        Spec.Given(Sample.Registered, Sample.MilestonePlanned, SecondMilestonePlanned, Requested())
            .When(Request(new BaselineChange(SecondMilestoneId, SecondBaseline.AddDays(20))) with { RequestId = SecondRequestId })
            .Then(new RebaselineRequested(Sample.ProjectId, SecondRequestId, "Land clearance took four more weeks",
                [new RequestedBaselineChange(SecondMilestoneId, "Main works", SecondBaseline, SecondBaseline.AddDays(20))],
                OwnerKey, "district-410302"));

    [Fact]
    public void A_request_id_is_used_once() =>
        Spec.Given(Sample.Registered, Sample.MilestonePlanned, Requested())
            .When(Request(new BaselineChange(Sample.MilestoneId, Later.AddDays(1))))
            .ThenFails(DomainErrorKind.Conflict);

    [Theory]
    [MemberData(nameof(EndedProjects))]
    public void An_ended_project_takes_no_requests(object ended) =>
        Spec.Given(Sample.Registered, Sample.MilestonePlanned, ended)
            .When(Request(new BaselineChange(Sample.MilestoneId, Later)))
            .ThenFails(DomainErrorKind.Conflict);

    [Fact]
    public void A_request_on_an_unknown_project_is_not_found() =>
        Spec.Given()
            .When(Request(new BaselineChange(Sample.MilestoneId, Later)))
            .ThenFails(DomainErrorKind.NotFound);

    // Approving

    [Fact]
    public void Approving_records_each_move_in_days_with_the_comment_and_the_decider() =>
        Spec.Given(Sample.Registered, Sample.MilestonePlanned, Requested())
            .When(Approve(comment: "  Agreed "))
            .Then(Approved());

    [Fact]
    public void Approval_moves_the_baseline_and_a_forecast_that_was_on_plan_follows_it()
    {
        var state = Spec.Given(Sample.Registered, Sample.MilestonePlanned, Requested(), Approved()).State!;

        Assert.Equal((Later, Later), (state.Milestones[0].BaselineDate, state.Milestones[0].ForecastDate));
        var request = Assert.Single(state.PlanChanges);
        Assert.Equal((PlanChangeStatus.Approved, OfficeKey, "city-office", "Agreed"), (request.Status, request.DecidedByKeyId, request.DecidedBy, request.Comment));
    }

    [Fact]
    public void A_forecast_the_owner_moved_stays_where_the_owner_put_it() =>
        Spec.Given(Sample.Registered, Sample.MilestonePlanned,
                new MilestoneForecastChanged(Sample.ProjectId, Sample.MilestoneId, Sample.Baseline, Later.AddDays(7), "Land"),
                Requested())
            .When(Approve())
            .Then(Approved(forecastFollowed: false));

    [Fact]
    public void An_approval_whose_forecast_did_not_follow_keeps_the_forecast()
    {
        var milestone = Spec.Given(Sample.Registered, Sample.MilestonePlanned,
                new MilestoneForecastChanged(Sample.ProjectId, Sample.MilestoneId, Sample.Baseline, Later.AddDays(7), "Land"),
                Requested(), Approved(forecastFollowed: false))
            .State!.Milestones[0];

        Assert.Equal((Later, Later.AddDays(7)), (milestone.BaselineDate, milestone.ForecastDate));
    }

    [Fact]
    public void Churn_counts_approved_requests_and_sums_the_days_moved_with_earlier_moves_negative()
    {
        var earlier = Later.AddDays(-10);
        var state = Spec.Given(Sample.Registered, Sample.MilestonePlanned,
                Requested(), Approved(),
                Requested(SecondRequestId, current: Later, to: earlier), Approved(SecondRequestId, from: Later, to: earlier))
            .State!;

        Assert.Equal((2, 30 - 10), (state.RebaselineCount, state.RebaselineDaysMoved));
        Assert.Equal(earlier, state.Milestones[0].BaselineDate);
    }

    [Fact]
    public void An_approval_moves_every_milestone_of_the_request() =>
        Spec.Given(Sample.Registered, Sample.MilestonePlanned, SecondMilestonePlanned,
                new RebaselineRequested(Sample.ProjectId, RequestId, "Redesign",
                    [
                        new RequestedBaselineChange(Sample.MilestoneId, "Groundbreaking", Sample.Baseline, Later),
                        new RequestedBaselineChange(SecondMilestoneId, "Main works", SecondBaseline, SecondBaseline.AddDays(45)),
                    ],
                    OwnerKey, "district-410302"))
            .When(Approve())
            .Then(new RebaselineApproved(Sample.ProjectId, RequestId,
                [
                    new ApprovedBaselineChange(Sample.MilestoneId, "Groundbreaking", Sample.Baseline, Later, 30, true),
                    new ApprovedBaselineChange(SecondMilestoneId, "Main works", SecondBaseline, SecondBaseline.AddDays(45), 45, true),
                ],
                "Agreed", OfficeKey, "city-office"));

    [Fact]
    public void Rejected_and_pending_requests_are_no_churn()
    {
        var state = Spec.Given(Sample.Registered, Sample.MilestonePlanned, Requested(), Rejected(), Requested(SecondRequestId)).State!;

        Assert.Equal((0, 0), (state.RebaselineCount, state.RebaselineDaysMoved));
    }

    [Fact]
    public void Approving_an_unknown_request_is_not_found() =>
        Spec.Given(Sample.Registered, Sample.MilestonePlanned, Requested())
            .When(Approve(requestId: Guid.NewGuid()))
            .ThenFails(DomainErrorKind.NotFound);

    [Fact]
    public void Approve_by_the_requesting_key_is_forbidden() =>
        Spec.Given(Sample.Registered, Sample.MilestonePlanned, Requested())
            .When(Approve(by: OwnerKey))
            .ThenFails(DomainErrorKind.Forbidden);

    [Fact]
    public void Approve_by_another_key_of_the_person_who_asked_is_forbidden() =>
        Spec.Given(Sample.Registered, Sample.MilestonePlanned, Requested())
            .When(Approve() with { DecidedByHolder = "王五（市发改委）", RequestedByHolder = " 王五（市发改委） " })
            .ThenFails(DomainErrorKind.Forbidden);

    [Fact]
    public void Approve_by_another_holder_is_allowed() =>
        Spec.Given(Sample.Registered, Sample.MilestonePlanned, Requested())
            .When(Approve() with { DecidedByHolder = "李四（市重点项目办）", RequestedByHolder = "王五（市发改委）" })
            .Then(Approved());

    [Fact]
    public void Keys_without_a_holder_never_match_each_other_by_holder() =>
        Spec.Given(Sample.Registered, Sample.MilestonePlanned, Requested())
            .When(Approve() with { DecidedByHolder = null, RequestedByHolder = null })
            .Then(Approved());

    [Fact]
    public void Approving_twice_is_a_conflict() =>
        Spec.Given(Sample.Registered, Sample.MilestonePlanned, Requested(), Approved())
            .When(Approve())
            .ThenFails(DomainErrorKind.Conflict);

    [Fact]
    public void Approving_a_rejected_request_is_a_conflict() =>
        Spec.Given(Sample.Registered, Sample.MilestonePlanned, Requested(), Rejected())
            .When(Approve())
            .ThenFails(DomainErrorKind.Conflict);

    [Fact]
    public void Approving_after_the_milestone_was_completed_is_a_conflict() =>
        Spec.Given(Sample.Registered, Sample.MilestonePlanned, Requested(), Sample.MilestoneCompleted)
            .When(Approve())
            .ThenFails(DomainErrorKind.Conflict);

    [Fact]
    public void Approving_after_another_approval_moved_the_same_baseline_is_a_conflict() =>
        Spec.Given(Sample.Registered, Sample.MilestonePlanned, Requested(), Requested(SecondRequestId, to: Later.AddDays(10)), Approved())
            .When(Approve(requestId: SecondRequestId))
            .ThenFails(DomainErrorKind.Conflict);

    [Fact]
    public void Pending_requests_on_different_milestones_are_approved_independently() =>
        Spec.Given(Sample.Registered, Sample.MilestonePlanned, SecondMilestonePlanned, Requested(),
                new RebaselineRequested(Sample.ProjectId, SecondRequestId, "Design change",
                    [new RequestedBaselineChange(SecondMilestoneId, "Main works", SecondBaseline, SecondBaseline.AddDays(5))], OwnerKey, "district-410302"),
                Approved())
            .When(Approve(requestId: SecondRequestId))
            .Then(new RebaselineApproved(Sample.ProjectId, SecondRequestId,
                [new ApprovedBaselineChange(SecondMilestoneId, "Main works", SecondBaseline, SecondBaseline.AddDays(5), 5, true)],
                "Agreed", OfficeKey, "city-office"));

    [Theory]
    [MemberData(nameof(EndedProjects))]
    public void An_ended_projects_baselines_are_not_approved(object ended) =>
        Spec.Given(Sample.Registered, Sample.MilestonePlanned, Requested(), ended)
            .When(Approve())
            .ThenFails(DomainErrorKind.Conflict);

    // Rejecting

    [Fact]
    public void Rejecting_records_the_trimmed_comment_and_the_decider() =>
        Spec.Given(Sample.Registered, Sample.MilestonePlanned, Requested())
            .When(Reject(comment: " Catch up instead  "))
            .Then(Rejected());

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    public void A_decision_without_a_comment_records_none(string? comment) =>
        Spec.Given(Sample.Registered, Sample.MilestonePlanned, Requested())
            .When(Reject(comment: comment))
            .Then(new RebaselineRejected(Sample.ProjectId, RequestId, null, OfficeKey, "city-office"));

    [Fact]
    public void A_rejected_request_leaves_the_baseline()
    {
        var state = Spec.Given(Sample.Registered, Sample.MilestonePlanned, Requested(), Rejected()).State!;

        Assert.Equal((Sample.Baseline, Sample.Baseline), (state.Milestones[0].BaselineDate, state.Milestones[0].ForecastDate));
        Assert.Equal(PlanChangeStatus.Rejected, Assert.Single(state.PlanChanges).Status);
    }

    [Fact]
    public void Reject_by_the_requesting_key_is_forbidden() =>
        Spec.Given(Sample.Registered, Sample.MilestonePlanned, Requested())
            .When(Reject(by: OwnerKey))
            .ThenFails(DomainErrorKind.Forbidden);

    [Fact]
    public void Reject_by_another_key_of_the_person_who_asked_is_forbidden() =>
        Spec.Given(Sample.Registered, Sample.MilestonePlanned, Requested())
            .When(Reject() with { DecidedByHolder = "王五（市发改委）", RequestedByHolder = "王五（市发改委）" })
            .ThenFails(DomainErrorKind.Forbidden);

    [Fact]
    public void Rejecting_an_approved_request_is_a_conflict() =>
        Spec.Given(Sample.Registered, Sample.MilestonePlanned, Requested(), Approved())
            .When(Reject())
            .ThenFails(DomainErrorKind.Conflict);

    [Fact]
    public void Rejecting_twice_is_a_conflict() =>
        Spec.Given(Sample.Registered, Sample.MilestonePlanned, Requested(), Rejected())
            .When(Reject())
            .ThenFails(DomainErrorKind.Conflict);

    [Fact]
    public void Rejecting_an_unknown_request_is_not_found() =>
        Spec.Given(Sample.Registered, Sample.MilestonePlanned)
            .When(Reject())
            .ThenFails(DomainErrorKind.NotFound);

    [Theory]
    [MemberData(nameof(EndedProjects))]
    public void A_request_left_pending_on_an_ended_project_can_still_be_rejected(object ended) =>
        Spec.Given(Sample.Registered, Sample.MilestonePlanned, Requested(), ended)
            .When(Reject())
            .Then(Rejected());

    [Fact]
    public void A_project_with_decided_and_pending_requests_survives_a_json_round_trip()
    {
        var project = Spec.Given(Sample.Registered, Sample.MilestonePlanned, Requested(), Approved(), Requested(SecondRequestId, current: Later, to: Later.AddDays(3))).State!;

        var json = JsonSerializer.Serialize(project);
        var read = JsonSerializer.Deserialize<Project>(json)!;

        Assert.Equal(json, JsonSerializer.Serialize(read));
        Assert.Equal([PlanChangeStatus.Approved, PlanChangeStatus.Pending], read.PlanChanges.Select(r => r.Status));
        Assert.Equal((1, 30), (read.RebaselineCount, read.RebaselineDaysMoved));
    }

    public static TheoryData<object> EndedProjects() => new()
    {
        new ProjectClosed(Sample.ProjectId, "Accepted"),
        new ProjectCancelled(Sample.ProjectId, "Funding withdrawn"),
    };
}
