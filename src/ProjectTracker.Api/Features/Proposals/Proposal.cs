using ProjectTracker.Api.Features.Access;
using ProjectTracker.Api.Features.Projects;

namespace ProjectTracker.Api.Features.Proposals;

public enum ProposalStatus
{
    Pending,
    Accepted,
    Rejected,
}

// A document, not project events: no project exists until the city accepts it.
public sealed record Proposal
{
    public Guid Id { get; init; }
    public required ProposedProject Project { get; init; }
    // Copied from the project (trimmed) so that lists filter by district.
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
    public Guid? ProjectId { get; init; }

    public static Proposal Pending(RegisterProject.Request project, int year, string justification, Caller caller, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(),
        // The unit as it is matched when listing a unit key's proposals.
        Project = new ProposedProject(project) { Unit = string.IsNullOrWhiteSpace(project.Unit) ? null : project.Unit.Trim(), ResponsibleUnit = project.ResponsibleUnit?.Trim() },
        District = project.District!.Trim(),
        Year = year,
        Justification = justification.Trim(),
        Status = ProposalStatus.Pending,
        ProposedByKeyId = caller.KeyId,
        ProposedBy = caller.Name,
        ProposedAt = now,
    };
}

// Stored: renaming or retyping a field breaks the proposals already stored.
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
