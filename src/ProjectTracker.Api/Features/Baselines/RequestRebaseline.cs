using System.Security.Claims;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using ProjectTracker.Api.Features.Access;
using ProjectTracker.Api.Features.Projects;
using ProjectTracker.Api.Infrastructure;
using ProjectTracker.Domain.Projects;

namespace ProjectTracker.Api.Features.Baselines;

public static class RequestRebaseline
{
    public sealed record Change(Guid? MilestoneId, DateOnly? NewBaselineDate);

    public sealed record Request(string? Reason, IReadOnlyList<Change?>? Changes)
    {
        public sealed class Validator : AbstractValidator<Request>
        {
            public Validator()
            {
                RuleFor(r => r.Reason).NotEmpty().MaximumLength(ProjectProfile.MaxTextLength);
                RuleFor(r => r.Changes).NotEmpty();
                RuleForEach(r => r.Changes).NotNull().ChildRules(change =>
                {
                    change.RuleFor(c => c!.MilestoneId).NotNull();
                    change.RuleFor(c => c!.NewBaselineDate).NotNull();
                });
            }
        }
    }

    public static void Map(IEndpointRouteBuilder requests) =>
        requests.MapPost("/", Handle)
            .RequireAuthorization(Policies.Writer)
            .WithRequestExample(new Request(
                "征地拆迁滞后，沿线3个村组补偿协议未签订，申请调整开工及主体完工基准日期",
                [
                    new Change(Guid.Parse("0196f3c2-5b1e-7a10-9c3d-2f6a8e4b1d01"), new DateOnly(2026, 6, 30)),
                    new Change(Guid.Parse("0196f3c2-5b1e-7a10-9c3d-2f6a8e4b1d02"), new DateOnly(2027, 3, 31)),
                ]))
            .WithName("RequestRebaseline")
            .WithSummary("Ask the city office to move milestone baselines, with a reason")
            .WithDescription("""
                Nothing moves until an admin key other than the one asking approves the request. Each milestone must exist
                (400 on `changes[i].milestoneId`), appear once, and get a date other than its current baseline
                (400 on `changes[i].newBaselineDate`); a completed milestone's baseline no longer moves (409). A closed or
                cancelled project takes no requests (409). A district key asks only for its own district's projects, a unit
                key for its own unit's (403 otherwise).
                Several requests may be pending at once. Honours `If-Match`; the `ETag` answered is the project's version.
                """)
            .ProducesProjectWriteProblems();

    public static async Task<Created<RebaselineRequestResponse>> Handle(
        Guid id, Request request, ClaimsPrincipal user, ProjectWriter writer, IQuerySession session, HttpContext http, CancellationToken ct)
    {
        var requestId = writer.NewId();
        var caller = user.Caller();
        var changes = request.Changes!.Select(c => new BaselineChange(c!.MilestoneId!.Value, c.NewBaselineDate!.Value)).ToList();
        await writer.Execute(http, id,
            _ => new ProjectCommand.RequestRebaseline(requestId, request.Reason!.Trim(), changes, caller.KeyId, caller.Name), ct);
        var made = await RebaselineRequestResponse.Load(session, requestId, ct)
            ?? throw new InvalidOperationException("The inline rebaseline request projection did not store the request.");
        return TypedResults.Created($"/api/v1/rebaseline-requests/{requestId}", made);
    }
}
