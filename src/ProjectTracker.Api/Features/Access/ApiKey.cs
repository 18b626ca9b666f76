using System.Security.Cryptography;
using System.Text;

namespace ProjectTracker.Api.Features.Access;

public enum ApiKeyRole
{
    /// <summary>The city key-project office: everything.</summary>
    Admin,
    /// <summary>A district owner: writes its own district's projects, reads all.</summary>
    District,
    /// <summary>Reads all.</summary>
    Reader,
}

/// <summary>A stored API key. Only the SHA-256 of the secret is kept; the secret is shown once.</summary>
public sealed record ApiKey
{
    public Guid Id { get; init; }
    public required string Name { get; init; }
    public ApiKeyRole Role { get; init; }
    public string? District { get; init; }
    public required string SecretHash { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public string? CreatedBy { get; init; }
    public DateTimeOffset? RevokedAt { get; init; }

    public const string SecretPrefix = "pt_";

    /// <summary>256 random bits: a key cannot be guessed, so a fast hash is enough to store it.</summary>
    public static string NewSecret() => SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
        .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>The bootstrap admin key keeps one id, so a new configured secret replaces the old one.</summary>
    public static readonly Guid BootstrapId = new("00000000-0000-0000-0000-00000000ad01");
}
