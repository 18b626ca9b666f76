using System.Security.Cryptography;
using System.Text;

namespace ProjectTracker.Api.Features.Access;

public enum ApiKeyRole
{
    Admin,
    District,
    Reader,
    Unit,
}

public sealed record ApiKey
{
    public Guid Id { get; init; }
    public required string Name { get; init; }
    public ApiKeyRole Role { get; init; }
    public string? District { get; init; }
    public string? Unit { get; init; }
    public string? Holder { get; init; }
    public required string SecretHash { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public string? CreatedBy { get; init; }
    public DateTimeOffset? RevokedAt { get; init; }

    public const string SecretPrefix = "pt_";

    // 256 random bits: a key cannot be guessed, so a fast hash is enough to store it.
    public static string NewSecret() => SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
        .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    // One id, so a new configured secret replaces the old one.
    public static readonly Guid BootstrapId = new("00000000-0000-0000-0000-00000000ad01");
}
