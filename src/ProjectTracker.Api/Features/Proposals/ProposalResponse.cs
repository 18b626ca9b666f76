using ProjectTracker.Api.Features.Projects;

namespace ProjectTracker.Api.Features.Proposals;

/// <param name="ProposalId">The proposal's id (the same as <c>id</c>), named so that it reads as the link from a project back to its declaration.</param>
/// <param name="ProjectId">The project registered from the proposal, once accepted.</param>
public sealed record ProposalResponse(
    Guid Id,
    Guid ProposalId,
    ProposalStatus Status,
    int Year,
    string District,
    string? Code,
    string? Name,
    string Justification,
    RegisterProject.Request Project,
    string ProposedBy,
    DateTimeOffset ProposedAt,
    string? DecidedBy,
    DateTimeOffset? DecidedAt,
    string? RejectionReason,
    Guid? ProjectId)
{
    public static ProposalResponse From(Proposal p) => new(
        p.Id, p.Id, p.Status, p.Year, p.District, p.Project.Code?.Trim(), p.Project.Name?.Trim(), p.Justification, new RegisterProject.Request(p.Project),
        p.ProposedBy, p.ProposedAt, p.DecidedBy, p.DecidedAt, p.RejectionReason, p.ProjectId);
}
