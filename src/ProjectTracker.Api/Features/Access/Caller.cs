using System.Collections.Frozen;
using System.Security.Claims;

using ProjectTracker.Api.Infrastructure;

namespace ProjectTracker.Api.Features.Access;

public sealed record Caller(Guid KeyId, string Name, ApiKeyRole Role, string? District, string? Holder = null, string? Unit = null)
{
    public const string DistrictClaim = "district";
    public const string UnitClaim = "unit";
    public const string HolderClaim = "holder";

    // Every request's principal carries the role's wire name: worked out once, not per request.
    private static readonly FrozenDictionary<ApiKeyRole, string> RoleNames = Enum.GetValues<ApiKeyRole>().ToFrozenDictionary(r => r, r => Json.WireName(r));

    public bool IsAdmin => Role == ApiKeyRole.Admin;

    public static Caller System(string name) => new(Guid.Empty, name, ApiKeyRole.Admin, null);

    // A non-admin key does not learn that other districts' things exist.
    public bool Sees(string? district) => IsAdmin || (district is not null && district == District);

    public void EnsureMayWrite(string district)
    {
        if (IsAdmin || (Role == ApiKeyRole.District && string.Equals(District, district, StringComparison.Ordinal)))
        {
            return;
        }

        throw new AccessDeniedException(Role == ApiKeyRole.District
            ? $"The key of district {District} cannot change projects of district {district}."
            : "This key may only read.");
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
