namespace ProjectTracker.Api.Features.Public;

public sealed class PublicDataOptions
{
    public const string Section = "PublicData";

    // Assigned by the OC4IDS Helpdesk (data@open-contracting.org); the default says plainly that none is registered yet.
    public string ProjectIdPrefix { get; set; } = "oc4ids-unregistered";

    public string PublisherName { get; set; } = "市重点项目办";

    public string? License { get; set; }

    public string? PublicationPolicy { get; set; }

    // Behind a proxy the request's own address may be an internal one.
    public string? BaseUrl { get; set; }

    // A wrong setting stops the start, not every download.
    internal bool IsValid() =>
        new[] { License, PublicationPolicy, BaseUrl }.All(u => u is null || Uri.TryCreate(u, UriKind.Absolute, out _))
        && !string.IsNullOrWhiteSpace(ProjectIdPrefix)
        && !string.IsNullOrWhiteSpace(PublisherName);
}
