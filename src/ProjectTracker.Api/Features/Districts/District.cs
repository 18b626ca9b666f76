namespace ProjectTracker.Api.Features.Districts;

/// <summary>A county, city or district (县市区) by its 6-digit administrative division code.</summary>
public sealed record District(string Id, string Name)
{
    public DistrictResponse ToResponse() => new(Id, Name);
}

public sealed record DistrictResponse(string Code, string Name);
