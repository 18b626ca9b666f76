using System.Text.Json;
using System.Text.Json.Serialization;
using ProjectTracker.Api.Infrastructure;
using ProjectTracker.Domain.Geography;

namespace ProjectTracker.Api.Features.Public;

// OC4IDS 0.9 (https://standard.open-contracting.org/infrastructure/): absent values are left out, never null, because
// the schema allows null almost nowhere.
public static class Oc4ids
{
    public const string SchemaVersion = "0.9";

    public static JsonSerializerOptions JsonOptions { get; } = new(Json.Options)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <param name="Uri">Where this package is published.</param>
    /// <param name="PublishedDate">When the data in it last changed (the package is made on demand).</param>
    public sealed record Package(
        string Uri,
        DateTimeOffset PublishedDate,
        Publisher Publisher,
        string? License,
        string? PublicationPolicy,
        string Version,
        IReadOnlyList<Project> Projects);

    public sealed record Publisher(string Name);

    /// <param name="Id">The OC4IDS project identifier: the registered prefix, a hyphen and the unified project code.</param>
    /// <param name="Language">The language of the free text (titles, descriptions, names): zh.</param>
    /// <param name="Status">From the closed projectStatus codelist.</param>
    /// <param name="Sector">From the open projectSector codelist, the parent sector before its subsectors.</param>
    /// <param name="AdditionalClassifications">The project's own category (e.g. ring-road, 环城路).</param>
    /// <param name="Documents">Each approved plan change, as the document that approved it: the project level of OC4IDS
    /// has no list of modifications (those belong to contracting processes).</param>
    /// <param name="RelatedProjects">Each other published project linked to this one by a milestone dependency, either way, once.</param>
    public sealed record Project(
        string Id,
        DateTimeOffset Updated,
        string Language,
        IReadOnlyList<SimpleIdentifier> Identifiers,
        OrganizationReference PublicAuthority,
        string Title,
        string? Description,
        Budget? Budget,
        Period? Period,
        IReadOnlyList<Location> Locations,
        string Status,
        IReadOnlyList<string>? Sector,
        IReadOnlyList<Classification> AdditionalClassifications,
        IReadOnlyList<Organization> Parties,
        IReadOnlyList<Milestone>? Milestones,
        IReadOnlyList<Document>? Documents,
        IReadOnlyList<RelatedProject>? RelatedProjects);

    public sealed record SimpleIdentifier(string Id, string Scheme);

    public sealed record OrganizationReference(string Id, string Name);

    /// <param name="Roles">From the open partyRole codelist.</param>
    public sealed record Organization(string Id, string Name, IReadOnlyList<string> Roles);

    public sealed record Budget(Value Amount);

    public sealed record Value(decimal Amount, string Currency);

    /// <summary>Dates as RFC 3339 instants: a calendar day is its start in Asia/Shanghai.</summary>
    public sealed record Period(string? StartDate, string? EndDate);

    /// <param name="Id">Unique within the project's locations: the district's division code, or <c>site</c> for where the works are.</param>
    /// <param name="Geometry">The project's own location (GeoJSON, WGS 84), on the <c>site</c> entry only.</param>
    public sealed record Location(string Id, string? Description, GeoShape? Geometry = null);

    public sealed record Classification(string Scheme, string Id, string Description);

    /// <param name="Type">From the open milestoneType codelist.</param>
    /// <param name="Code">From the open milestoneCode codelist, where one fits.</param>
    /// <param name="DueDate">The baseline (approved plan) date.</param>
    /// <param name="DateMet">The actual date.</param>
    /// <param name="DateModified">The day the status was judged (today in Asia/Shanghai).</param>
    /// <param name="Status">From the closed milestoneStatus codelist: scheduled, met or notMet.</param>
    public sealed record Milestone(
        string Id,
        string Title,
        string? Type,
        string? Code,
        string? Description,
        string DueDate,
        string? DateMet,
        string DateModified,
        string Status);

    /// <param name="DocumentType">From the open documentType codelist.</param>
    /// <param name="Description">What changed, before and after, and why, as text: there is no linked document.</param>
    /// <param name="DatePublished">The day the change was approved.</param>
    public sealed record Document(
        string Id,
        string DocumentType,
        string Title,
        string Description,
        string DatePublished,
        string Language);

    /// <param name="Id">The related project's unified code: it is listed once.</param>
    /// <param name="Scheme">From the open relatedProjectScheme codelist: <c>oc4ids</c>.</param>
    /// <param name="Identifier">The related project's OC4IDS id, as <c>projects[].id</c> gives it in this package.</param>
    /// <param name="Relationship">The open relatedProject codelist names only kinds of work on the same assets (construction, rehabilitation…), so a schedule dependency has codes of our own: <c>predecessor</c> (this project's milestones wait for the related project's), <c>successor</c> (the related project's wait for this one's), <c>interdependent</c> (both).</param>
    /// <param name="Title">The related project's title.</param>
    /// <param name="Uri">This package, which holds the related project.</param>
    public sealed record RelatedProject(string Id, string Scheme, string Identifier, string Relationship, string Title, string Uri);
}
