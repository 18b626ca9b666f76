using System.Collections.Concurrent;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.AspNetCore.Components;
using ProjectTracker.Domain.Portfolio;

namespace ProjectTracker.Api.Features.Pages;

// The map's projects as SVG links, worst light last so it is drawn on top. Each project's markup is written once per
// judged version and frame and each view's layer kept while its projects are the same; the page writes the links
// straight into the response around the rest, which Razor renders with Slot in their place (docs/architecture.md).
public sealed class MapShapes
{
    /// <summary>Where the page's links go; text a person typed is encoded, so it never holds this.</summary>
    public static readonly MarkupString Slot = new("<!--projects-->");

    private static readonly ConditionalWeakTable<ProjectFigures, ConcurrentDictionary<string, string>> Written = new();

    // The last layer of each view (the whole city, or a district): as many as there are districts, each replaced when a
    // project in it moves.
    private static readonly ConcurrentDictionary<string, MapShapes> Last = new(StringComparer.Ordinal);

    private readonly ProjectFigures[] drawn;
    private readonly string frame;
    private readonly string[] links;

    private MapShapes(ProjectFigures[] drawn, string frame, string[] links) => (this.drawn, this.frame, this.links) = (drawn, frame, links);

    public int Count => drawn.Length;

    /// <param name="view">The district shown alone, or empty for the whole city.</param>
    /// <param name="located">Projects that have a location.</param>
    public static MapShapes Of(string view, MapFrame frame, IEnumerable<ProjectFigures> located)
    {
        ProjectFigures[] drawn = [.. located.WorstLast(f => f.Rag).ThenBy(f => f.Code, StringComparer.Ordinal)];
        if (Last.TryGetValue(view, out var last) && last.frame == frame.Key && last.drawn.AsSpan().SequenceEqual(drawn, ReferenceEqualityComparer.Instance))
        {
            return last;
        }

        string[] links = [.. drawn.Select(f => Written.GetOrCreateValue(f).GetOrAdd(frame.Key, _ => Write(f, frame)))];
        return Last[view] = new MapShapes(drawn, frame.Key, links);
    }

    /// <summary>The page rendered with <see cref="Slot"/> in it, written as UTF-8 with the links in the slot.</summary>
    public async Task WriteAsync(HttpResponse response, string page, CancellationToken ct)
    {
        var slot = page.IndexOf(Slot.Value, StringComparison.Ordinal);
        var body = response.BodyWriter;
        Encoding.UTF8.GetBytes(page.AsSpan(0, slot), body);
        foreach (var link in links)
        {
            Encoding.UTF8.GetBytes(link, body);
            // A flush now and then, so the pipe's buffers stay small.
            if (body.UnflushedBytes > 64 * 1024)
            {
                await body.FlushAsync(ct);
            }
        }

        Encoding.UTF8.GetBytes(page.AsSpan(slot + Slot.Value.Length), body);
        await body.FlushAsync(ct);
    }

    // As MapPage's Razor markup would write it, encoded as RazorHtml encodes.
    private static string Write(ProjectFigures figures, MapFrame frame)
    {
        var (name, light, location) = (figures.Profile.Name, figures.Rag.ChineseName(), figures.Profile.Location!);
        return $"<a href=\"{PublicSite.ProjectPath(figures.ProjectId)}\" aria-label=\"{WebUtility.HtmlEncode(PageText.Plain(name))}（{light}）\">"
            + $"<title>{WebUtility.HtmlEncode(name)}（{light}）</title>"
            + $"<path class=\"shape {ShowMap.KindOf(location)} rag-{figures.Rag.ToString().ToLowerInvariant()}\" d=\"{frame.PathOf(location)}\"></path></a>";
    }
}
