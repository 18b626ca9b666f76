using System.Collections.Frozen;
using System.Security.Claims;

using ProjectTracker.Api.Infrastructure;
using ProjectTracker.Domain.Projects;
using ProjectTracker.Domain.Structure;

namespace ProjectTracker.Api.Features.Access;

public sealed record Caller(Guid KeyId, string Name, ApiKeyRole Role, string? District, string? Holder = null, string? Unit = null)
{
    public const string DistrictClaim = "district";
    public const string UnitClaim = "unit";
    public const string HolderClaim = "holder";

    // Every request's principal carries the role's wire name: worked out once, not per request.
    private static readonly FrozenDictionary<ApiKeyRole, string> RoleNames = Enum.GetValues<ApiKeyRole>().ToFrozenDictionary(r => r, r => Json.WireName(r));

    public bool IsAdmin => Role == ApiKeyRole.Admin;

    public bool IsUnit => Role == ApiKeyRole.Unit;

    // Attached to a unit key's request only (StructureCatalogs.Scoped), so that no other request pays for reading the lists.
    public StructureCatalog? Structure { get; init; }

    public Caller WithStructure(StructureCatalog lists) => IsUnit ? this with { Structure = lists } : this;

    public static Caller System(string name) => new(Guid.Empty, name, ApiKeyRole.Admin, null);

    // A non-admin key does not learn that other districts' things exist.
    public bool Sees(string? district) => IsAdmin || (district is not null && district == District);

    // As the projects are placed: a project with no unit is the unit whose name its responsible unit is.
    public string? UnitOf(ProjectProfile project) =>
        (Structure ?? throw new InvalidOperationException("A unit key's write is judged against the structure lists: attach them first (StructureCatalogs.Scoped).")).Place(project).Unit;

    public bool MayWrite(ProjectProfile project) => Role switch
    {
        ApiKeyRole.Admin => true,
        ApiKeyRole.District => string.Equals(District, project.District, StringComparison.Ordinal),
        ApiKeyRole.Unit => string.Equals(Unit, UnitOf(project), StringComparison.Ordinal),
        _ => false,
    };

    public void EnsureMayWrite(ProjectProfile project)
    {
        if (!MayWrite(project))
        {
            throw new AccessDeniedException(Role switch
            {
                ApiKeyRole.District => $"The key of district {District} cannot change projects of district {project.District}.",
                ApiKeyRole.Unit => UnitOf(project) is { } other
                    ? $"The key of unit {Unit} changes only its own unit's projects; this project is unit {other}'s."
                    : $"The key of unit {Unit} changes only its own unit's projects; this project's responsible unit ({project.ResponsibleUnit}) is not it.",
                _ => "This key may only read.",
            });
        }
    }

    /// <summary>For what belongs to a whole district (its subscriptions, its webhooks): the admin, or the district's own key.</summary>
    public void EnsureMayWrite(string district)
    {
        if (IsAdmin || (Role == ApiKeyRole.District && string.Equals(District, district, StringComparison.Ordinal)))
        {
            return;
        }

        throw new AccessDeniedException(Role switch
        {
            ApiKeyRole.District => $"The key of district {District} cannot change projects of district {district}.",
            ApiKeyRole.Unit => $"The key of unit {Unit} acts for its own unit's projects only, not for the whole district {district}.",
            _ => "This key may only read.",
        });
    }

    public static Caller From(ClaimsPrincipal user) => new(
        Guid.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("No authenticated key.")),
        user.Identity?.Name ?? "",
        Enum.Parse<ApiKeyRole>(user.FindFirstValue(ClaimTypes.Role) ?? nameof(ApiKeyRole.Reader), ignoreCase: true),
        user.FindFirstValue(DistrictClaim),
        user.FindFirstValue(HolderClaim),
        user.FindFirstValue(UnitClaim));

    public ClaimsPrincipal ToPrincipal(string scheme) => new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, KeyId.ToString()),
            new Claim(ClaimTypes.Name, Name),
            new Claim(ClaimTypes.Role, RoleNames[Role]),
            .. District is null ? Array.Empty<Claim>() : [new Claim(DistrictClaim, District)],
            .. Holder is null ? Array.Empty<Claim>() : [new Claim(HolderClaim, Holder)],
            .. Unit is null ? Array.Empty<Claim>() : [new Claim(UnitClaim, Unit)],
        ],
        scheme));
}

public static class CallerExtensions
{
    public static Caller Caller(this ClaimsPrincipal user) => Access.Caller.From(user);
}
