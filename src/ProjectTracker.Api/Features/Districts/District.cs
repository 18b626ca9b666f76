using ProjectTracker.Domain.Geography;

namespace ProjectTracker.Api.Features.Districts;

// LeaderEmail: the escalation ladder brings the district leader (区县领导) into a project's alerts.
public sealed record District(string Id, string Name, string? LeaderEmail = null, GeoShape? Boundary = null)
{
    // A reader key does not see the leader's address.
    public DistrictResponse ToResponse(bool showLeader) => new(Id, Name, showLeader ? LeaderEmail : null, Boundary);
}

/// <param name="Boundary">The district's outline, a GeoJSON Polygon or MultiPolygon (RFC 7946, WGS 84); null when none was given.</param>
public sealed record DistrictResponse(string Code, string Name, string? LeaderEmail, GeoShape? Boundary);
