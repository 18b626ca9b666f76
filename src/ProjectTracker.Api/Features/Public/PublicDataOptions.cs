namespace ProjectTracker.Api.Features.Public;

/// <summary>Configuration section <c>PublicData</c>: how the public data introduces itself in its OC4IDS package.</summary>
public sealed class PublicDataOptions
{
    public const string Section = "PublicData";

    /// <summary>
    /// The OC4IDS project identifier prefix the OC4IDS Helpdesk (data@open-contracting.org) assigns, e.g.
    /// <c>oc4ids-qu8r7p</c>. Project ids are <c>{prefix}-{project code}</c>; the default says plainly that none is
    /// registered yet, so the ids are unique only within this publisher until one is set.</summary>
    public string ProjectIdPrefix { get; set; } = "oc4ids-unregistered";

    /// <summary>The package's <c>publisher.name</c>: the organisation responsible for publishing the data.</summary>
    public string PublisherName { get; set; } = "市重点项目办";

    /// <summary>The canonical URI of the licence the data is published under (e.g. a Creative Commons licence); omitted when unset.</summary>
    public string? License { get; set; }

    /// <summary>A link to the publisher's data user guide / publication policy; omitted when unset.</summary>
    public string? PublicationPolicy { get; set; }

    /// <summary>Where the public reaches this API (behind a proxy the request's own address may be an internal one); the package's <c>uri</c> is made from it.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>The package schema wants absolute URIs and non-empty names: a wrong setting stops the start, not every download.</summary>
    internal bool IsValid() =>
        new[] { License, PublicationPolicy, BaseUrl }.All(u => u is null || Uri.TryCreate(u, UriKind.Absolute, out _))
        && !string.IsNullOrWhiteSpace(ProjectIdPrefix)
        && !string.IsNullOrWhiteSpace(PublisherName);
}
