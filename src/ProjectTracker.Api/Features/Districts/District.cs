namespace ProjectTracker.Api.Features.Districts;

// LeaderEmail: the escalation ladder brings the district leader (区县领导) into a project's alerts.
public sealed record District(string Id, string Name, string? LeaderEmail = null)
{
    // A reader key does not see the leader's address.
    public DistrictResponse ToResponse(bool showLeader) => new(Id, Name, showLeader ? LeaderEmail : null);
}

public sealed record DistrictResponse(string Code, string Name, string? LeaderEmail);
