using Marten;
using ProjectTracker.Api.Features.Districts;
using ProjectTracker.Domain.Geography;

namespace ProjectTracker.Api.Features.Pages;

/// <summary>Where a project is, drawn for its page: its shape over its district's outline, framed by the outline when there is one.</summary>
/// <param name="Kind">`point`, `line` or `area`, as the map draws it.</param>
public sealed record ProjectPlace(string ViewBox, string Kind, string Shape, string? Outline, string District)
{
    public static async Task<ProjectPlace?> Of(IQuerySession session, GeoShape? location, string districtCode, CancellationToken ct)
    {
        if (location is null)
        {
            return null;
        }

        var outline = (await session.LoadAsync<District>(districtCode, ct))?.Boundary;
        var frame = MapFrame.Around([outline ?? location])!;
        return new ProjectPlace(frame.ViewBox, ShowMap.KindOf(location), frame.PathOf(location), outline is null ? null : frame.PathOf(outline), districtCode);
    }
}
