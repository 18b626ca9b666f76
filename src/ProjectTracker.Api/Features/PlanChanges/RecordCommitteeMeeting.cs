using System.Security.Claims;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using ProjectTracker.Api.Features.Access;
using ProjectTracker.Api.Infrastructure;
using ProjectTracker.Domain.Schedule;

namespace ProjectTracker.Api.Features.PlanChanges;

public static class RecordCommitteeMeeting
{
    public sealed record Request(DateOnly? Date, string? Title)
    {
        public sealed class Validator : AbstractValidator<Request>
        {
            public Validator()
            {
                RuleFor(r => r.Date).NotNull().Must(d => d is null || PlanDates.IsPlausible(d.Value)).WithMessage($"A meeting date is {PlanDates.Rule}.");
                RuleFor(r => r.Title).NotEmpty().MaximumLength(CommitteeMeeting.MaxTitleLength);
            }
        }
    }

    public static void Map(IEndpointRouteBuilder meetings) =>
        meetings.MapPost("/", Handle)
            .RequireAuthorization(Policies.Admin)
            .WithRequestExample(new Request(new DateOnly(2026, 11, 20), "市规划委员会2026年第4次会议"))
            .WithName("RecordCommitteeMeeting")
            .WithSummary("Record a meeting of the city planning committee (规划委员会), so decisions can name it")
            .WithDescription("Admin keys only. Plan change decisions name the meeting with `meetingId`; the meeting's minutes list them.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);

    public static async Task<Created<CommitteeMeetingResponse>> Handle(
        Request request, ClaimsPrincipal user, IDocumentSession session, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var id = IdempotencyScope.NewIdFor(http);
        var meeting = new CommitteeMeeting(id, request.Date!.Value, request.Title!.Trim(), user.Caller().Name, clock.GetUtcNow());
        session.Store(meeting);
        await session.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/committee-meetings/{id}", CommitteeMeetingResponse.Of(meeting, []));
    }
}
