using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ProjectTracker.Api.Features.Pages;

// Built in (no CDN is reachable where it runs), linked with its content's hash so that browsers may keep it a year.
public static class SiteStyle
{
    public const string Path = "/public/site.css";

    private static readonly byte[] Css = Load();

    public static readonly string Version = Convert.ToHexStringLower(SHA256.HashData(Css))[..12];

    public static string Href { get; } = $"{Path}?v={Version}";

    public static void Map(IEndpointRouteBuilder app) => app.MapGet(Path, Handle);

    public static FileContentHttpResult Handle(HttpResponse response, string? v)
    {
        response.Headers.CacheControl = v == Version ? "public, max-age=31536000, immutable" : "public, max-age=300";
        return TypedResults.File(Css, "text/css; charset=utf-8");
    }

    private static byte[] Load()
    {
        using var stream = typeof(SiteStyle).Assembly.GetManifestResourceStream("ProjectTracker.Api.Pages.site.css")
            ?? throw new InvalidOperationException("The pages' style sheet is not built into the app (ProjectTracker.Api.csproj, EmbeddedResource).");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return Encoding.UTF8.GetBytes(reader.ReadToEnd());
    }
}
