using ProjectTracker.Api.Features.Access;
using ProjectTracker.Api.Features.Projects;

namespace ProjectTracker.Api.Features.Proposals;

public enum ProposalStatus
{
    Pending,
    Accepted,
    Rejected,
}

/// <summary>
/// A district's declaration (申报) of a project for a coming plan year. A document, not project events: no project
/// exists until the city accepts it. Once accepted it names the project it became, which is how a project's
/// registration is traced back to its proposal (the registration event itself stays as <c>POST /projects</c> writes it).</summary>
public sealed record Proposal
{
    public Guid Id { get; init; }
    public required ProposedProject Project { get; init; }
    /// <summary>Copied from the project profile (trimmed) so that the list can be filtered by district.</summary>
    public required string District { get; init; }
    public required int Year { get; init; }
    public required string Justification { get; init; }
    public ProposalStatus Status { get; init; }
    public Guid ProposedByKeyId { get; init; }
    public string ProposedBy { get; init; } = "";
    public DateTimeOffset ProposedAt { get; init; }
    public Guid? DecidedByKeyId { get; init; }
    public string? DecidedBy { get; init; }
    public DateTimeOffset? DecidedAt { get; init; }
    public string? RejectionReason { get; init; }
    /// <summary>The project registered when the proposal was accepted.</summary>
    public Guid? ProjectId { get; init; }

    /// <summary>A new proposal as a district declares it, by the API or in an import: pending, stamped with its proposer.</summary>
    public static Proposal Pending(RegisterProject.Request project, int year, string justification, Caller caller, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(),
        Project = new ProposedProject(project),
        District = project.District!.Trim(),
        Year = year,
        Justification = justification.Trim(),
        Status = ProposalStatus.Pending,
        ProposedByKeyId = caller.KeyId,
        ProposedBy = caller.Name,
        ProposedAt = now,
    };
}

/// <summary>The project as it will be registered, stored as <c>POST /api/v1/projects</c> received it (the same JSON shape).</summary>
public sealed record ProposedProject : ProjectFields
{
    public ProposedProject()
    {
    }

    public ProposedProject(ProjectFields fields)
        : base(fields)
    {
    }
}
