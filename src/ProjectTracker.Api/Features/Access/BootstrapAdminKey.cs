using JasperFx;
using Marten;

namespace ProjectTracker.Api.Features.Access;

public sealed class BootstrapAdminKey(IDocumentStore store, IConfiguration configuration, TimeProvider clock, ILogger<BootstrapAdminKey> logger) : IHostedService
{
    public const string ConfigurationKey = "Auth:BootstrapAdminKey";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var secret = configuration[ConfigurationKey];
        await using var session = store.LightweightSession();
        var earlier = await session.LoadAsync<ApiKey>(ApiKey.BootstrapId, cancellationToken);
        var hash = string.IsNullOrWhiteSpace(secret) ? null : ApiKey.Hash(secret.Trim());
        if (earlier is { RevokedAt: null } && earlier.SecretHash != hash)
        {
            // Other nodes may still hold the replaced secret in their key cache.
            ApiKeyCache.AnnounceRevocation(session, earlier.SecretHash);
        }

        if (hash is null)
        {
            // Configuration is the source of truth for this key: taking the setting away disables it.
            if (earlier is { RevokedAt: null })
            {
                session.Store(earlier with { RevokedAt = clock.GetUtcNow() });
                await session.SaveChangesAsync(cancellationToken);
            }

            logger.LogWarning("{Setting} is not set: no bootstrap admin key; only keys already issued will work.", ConfigurationKey);
            return;
        }

        if (earlier is { RevokedAt: not null } && earlier.SecretHash == hash)
        {
            // Revoked through the API, most likely because it leaked: a restart with the same setting must not revive it.
            logger.LogWarning("{Setting} names a key that was revoked on {RevokedAt:u}; it stays revoked. Set a new secret to have a bootstrap admin key.",
                ConfigurationKey, earlier.RevokedAt);
            return;
        }

        session.Store(new ApiKey
        {
            Id = ApiKey.BootstrapId,
            Name = "bootstrap-admin",
            Role = ApiKeyRole.Admin,
            SecretHash = hash,
            CreatedAt = clock.GetUtcNow(),
            CreatedBy = "configuration",
        });
        try
        {
            await session.SaveChangesAsync(cancellationToken);
        }
        catch (DocumentAlreadyExistsException)
        {
            // Another node starting at the same moment stored the same key first (the secret's unique index refused ours).
            logger.LogInformation("The bootstrap admin key was stored by another node starting at the same time.");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
