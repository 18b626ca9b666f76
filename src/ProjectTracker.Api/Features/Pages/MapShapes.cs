using System.Collections.Concurrent;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.AspNetCore.Components;
using ProjectTracker.Domain.Portfolio;

namespace ProjectTracker.Api.Features.Pages;

/// <summary>
/// The map's projects as SVG markup, each a link to its page, red last so that it is drawn on top. Thousands of shapes
/// through the Razor renderer cost more than a page may, so each project's markup is written once per judged version
/// and frame (JudgedPortfolio replaces a project's figures when it moves), and the whole layer once per view: a request
/// that finds the same figures in the same frame reuses it.</summary>
public sealed class MapShapes
{
    private static readonly ConditionalWeakTable<ProjectFigures, ConcurrentDictionary<string, string>> Written = new();

    // The last layer of each view (the whole city, or a district): as many as there are districts, each replaced when a
    // project in it moves.
    private static readonly ConcurrentDictionary<string, MapShapes> Last = new(StringComparer.Ordinal);

    private readonly ProjectFigures[] drawn;
    private readonly string frame;

    private MapShapes(ProjectFigures[] drawn, string frame, string markup) =>
        (this.drawn, this.frame, Markup) = (drawn, frame, new MarkupString(markup));

    public MarkupString Markup { get; }

    public int Count => drawn.Length;

    /// <param name="view">The district shown alone, or empty for the whole city.</param>
    /// <param name="located">Projects that have a location.</param>
    public static MapShapes Of(string view, MapFrame frame, IEnumerable<ProjectFigures> located)
    {
        ProjectFigures[] drawn = [.. located.OrderBy(f => f.Rag == Rag.Red ? 2 : f.Rag == Rag.Amber ? 1 : 0).ThenBy(f => f.Code, StringComparer.Ordinal)];
        if (Last.TryGetValue(view, out var last) && last.frame == frame.Key && last.drawn.AsSpan().SequenceEqual(drawn, ReferenceEqualityComparer.Instance))
        {
            return last;
        }

        var markup = new StringBuilder();
        foreach (var figures in drawn)
        {
            markup.Append(Written.GetOrCreateValue(figures).GetOrAdd(frame.Key, _ => Write(figures, frame)));
        }

        return Last[view] = new MapShapes(drawn, frame.Key, markup.ToString());
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
