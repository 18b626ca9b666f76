using ProjectTracker.Api.Features.Districts;
using ProjectTracker.Domain.Geography;

namespace ProjectTracker.Api.Features.Pages;

/// <summary>Where a project is, drawn for its page: its shape over its district's outline, framed by the outline when there is one.</summary>
/// <param name="Kind">`point`, `line` or `area`, as the map draws it.</param>
/// <param name="Outline">The district's outline; null when it has none.</param>
/// <param name="District">The district's code, for the map of its projects.</param>
public sealed record ProjectPlace(string ViewBox, string Kind, string Shape, string? Outline, string District)
{
    public static ProjectPlace? Of(GeoShape? location, string districtCode, District? district)
    {
        if (location is null)
        {
            return null;
        }

        var frame = MapFrame.Around([district?.Boundary ?? location])!;
        return new ProjectPlace(frame.ViewBox, ShowMap.KindOf(location), frame.PathOf(location), district?.Boundary is { } outline ? frame.PathOf(outline) : null, districtCode);
    }
}
