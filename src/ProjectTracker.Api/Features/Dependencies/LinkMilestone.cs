using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using ProjectTracker.Api.Features.Projects;
using ProjectTracker.Api.Infrastructure;
using ProjectTracker.Domain;
using ProjectTracker.Domain.Projects;
using ProjectTracker.Domain.Schedule;

namespace ProjectTracker.Api.Features.Dependencies;

public static class LinkMilestone
{
    /// <param name="PredecessorProjectId">The predecessor's project; this project when left out.</param>
    /// <param name="LagDays">Days that must pass after the predecessor before this milestone can be done, 0–3650 (default 0).</param>
    public sealed record Request(Guid? PredecessorProjectId, Guid? PredecessorMilestoneId, int? LagDays)
    {
        public sealed class Validator : AbstractValidator<Request>
        {
            public Validator()
            {
                RuleFor(r => r.PredecessorMilestoneId).NotNull();
                RuleFor(r => r.LagDays).InclusiveBetween(0, DependencyLink.MaxLagDays);
            }
        }
    }

    /// <summary>A finish-to-start link: the milestone cannot be done before its predecessor plus the lag.</summary>
    public sealed record Response(Guid Id, Guid ProjectId, Guid MilestoneId, Guid PredecessorProjectId, Guid PredecessorMilestoneId, string PredecessorName, int LagDays);

    public static void Map(IEndpointRouteBuilder dependencies) =>
        dependencies.MapPost("/", Handle)
            .RequireAuthorization(Policies.Writer)
            .WithRequestExample(new Request(Guid.Parse("0196f3c2-5b1e-7a10-9c3d-2f6a8e4b1d00"), Guid.Parse("0196f3c2-5b1e-7a10-9c3d-2f6a8e4b1d01"), 30))
            .WithName("LinkMilestone")
            .WithSummary("Make a milestone depend on another, in this project or any other (finish-to-start, 明确节点)")
            .WithDescription("""
                Recorded as an event in this (the successor's) project, by a key that may write it. The predecessor may be in
                any project and district; an unknown one is 400 on `predecessorProjectId` or `predecessorMilestoneId`, a
                milestone on itself 400. A link that would close a cycle is 409 naming the milestones around it; the same
                link twice is 409. The resulting dates, float and critical path are served by `GET …/schedule`.
                """)
            .ProducesProjectWriteProblems();

    public static async Task<Created<Response>> Handle(
        Guid id, Guid milestoneId, Request request, ProjectWriter writer, IQuerySession session, JobLocks locks, DependencyNetwork network, HttpContext http, CancellationToken ct)
    {
        var predecessorProjectId = request.PredecessorProjectId ?? id;
        var predecessorMilestoneId = request.PredecessorMilestoneId!.Value;
        var predecessorProject = predecessorProjectId == id ? null : await session.LoadAsync<Project>(predecessorProjectId, ct);
        if (predecessorProjectId != id && predecessorProject is null)
        {
            throw new BadInputException("predecessorProjectId", "There is no project with this id.");
        }

        var dependencyId = writer.NewId();
        await using var turn = await locks.AcquireBriefly(JobLocks.DependencyLinks, ct);
        // Read under the lock, by the stamp: every link committed before it is in, and unchanged links are not read again.
        var links = await network.Current(session, ct);
        if (ScheduleNetwork.CycleIfLinked(links.MilestoneSuccessors, new MilestoneRef(predecessorProjectId, predecessorMilestoneId), new MilestoneRef(id, milestoneId)) is { Count: > 2 } cycle)
        {
            throw DomainException.Conflict($"This link would close a cycle: {await DependencyCycles.Describe(session, cycle, ct)}.");
        }

        var project = await writer.Execute(http, id, current =>
        {
            var predecessor = (predecessorProject ?? current).FindMilestone(predecessorMilestoneId)
                ?? throw new BadInputException("predecessorMilestoneId", "The predecessor project has no such milestone.");
            return new ProjectCommand.LinkMilestone(dependencyId, milestoneId, predecessorProjectId, predecessor.Id, predecessor.Name, request.LagDays ?? 0);
        }, ct);
        var made = project.FindMilestone(milestoneId)!.Predecessors.Single(p => p.DependencyId == dependencyId);
        return TypedResults.Created(
            $"/api/v1/projects/{id}/milestones/{milestoneId}/dependencies/{dependencyId}",
            new Response(dependencyId, id, milestoneId, made.ProjectId, made.MilestoneId, made.Name, made.LagDays));
    }
}
