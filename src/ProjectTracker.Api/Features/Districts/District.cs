namespace ProjectTracker.Api.Features.Districts;

/// <summary>A county, city or district (县市区) by its 6-digit administrative division code.</summary>
/// <param name="LeaderEmail">The district leader's (区县领导) address, which the escalation ladder brings into a project's alerts.</param>
public sealed record District(string Id, string Name, string? LeaderEmail = null)
{
    /// <summary>The leader's address is shown to keys that may write (admin, district); a reader key sees null.</summary>
    public DistrictResponse ToResponse(bool showLeader) => new(Id, Name, showLeader ? LeaderEmail : null);
}

public sealed record DistrictResponse(string Code, string Name, string? LeaderEmail);
