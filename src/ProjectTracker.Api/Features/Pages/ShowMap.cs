using Marten;
using ProjectTracker.Api.Features.Districts;
using ProjectTracker.Api.Features.Portfolio;
using ProjectTracker.Api.Features.Projects;
using ProjectTracker.Domain.Geography;

namespace ProjectTracker.Api.Features.Pages;

// GET /public/map?district=: the located public projects as SVG over the districts' outlines (no tiles), each a link to
// its page. Shapes and lights come from JudgedPortfolio: no project is read.
public static class ShowMap
{
    public const string Path = "/public/map";

    /// <param name="Projects">The located projects in view, drawn; null when there is no frame.</param>
    /// <param name="Unmapped">Public projects in view that have no location yet.</param>
    public sealed record Model(
        Choice? District, MapFrame? Frame, IReadOnlyList<Outline> Outlines, MapShapes? Projects, int Unmapped, IReadOnlyList<Choice> Choices);

    public sealed record Choice(string Code, string Name, int Projects);

    public sealed record Outline(string Code, string Name, string Path);

    public static void Map(IEndpointRouteBuilder app) => app.MapGet(Path, Handle);

    public static async Task<IResult> Handle(
        HttpContext http, IQuerySession session, ProjectView view, JudgedPortfolio judged, string? district, CancellationToken ct)
    {
        var shown = (await judged.Current(session, view.Today, ct)).Select(f => f.Figures).Where(f => f.Profile.IsPublic).ToList();
        var districts = await session.Query<District>().OrderBy(d => d.Id).ToListAsync(ct);
        var names = districts.ToDictionary(d => d.Id, d => d.Name, StringComparer.Ordinal);
        var choices = shown
            .GroupBy(f => f.Profile.District)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new Choice(g.Key, names.GetValueOrDefault(g.Key, g.Key), g.Count()))
            .ToList();
        var chosen = choices.FirstOrDefault(c => c.Code == district?.Trim());
        var inView = chosen is null ? shown : [.. shown.Where(f => f.Profile.District == chosen.Code)];
        var located = inView.Where(f => f.Profile.Location is not null).ToList();
        var outlines = districts.Where(d => d.Boundary is not null && (chosen is null || d.Id == chosen.Code)).ToList();
        // Framed by the outlines, when any, so that each kept drawing stays the same; a shape outside them is cut off.
        var frame = MapFrame.Around(outlines.Count > 0 ? outlines.Select(d => d.Boundary!) : located.Select(f => f.Profile.Location!));
        var model = new Model(
            chosen,
            frame,
            frame is null ? [] : [.. districts.Where(d => d.Boundary is not null).Select(d => new Outline(d.Id, d.Name, frame.PathOf(d.Boundary!)))],
            frame is null ? null : MapShapes.Of(chosen?.Code ?? "", frame, located),
            inView.Count - located.Count,
            choices);
        var page = PublicSite.Render<MapPage>(model);
        if (model.Projects is not { } shapes)
        {
            return PublicSite.Html(http, page);
        }

        PublicSite.Headers(http);
        return new Drawing(shapes, page);
    }

    // The page with the projects' links written into its slot as it goes out (MapShapes.WriteAsync).
    private sealed class Drawing(MapShapes shapes, string page) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            http.Response.ContentType = "text/html; charset=utf-8";
            return shapes.WriteAsync(http.Response, page, http.RequestAborted);
        }
    }

    public static string KindOf(GeoShape shape) => shape.Type switch
    {
        "Point" or "MultiPoint" => "point",
        "LineString" or "MultiLineString" => "line",
        _ => "area",
    };
}
