using Marten;

namespace ProjectTracker.Api.Infrastructure;

// Raised when a projection's Evolve reads old events differently: documents stored before are rebuilt once, at start.
public sealed record ProjectionShape(string Id, int Version);

public sealed class ProjectionShapes(IDocumentStore store, IEnumerable<ProjectionShapes.Current> shapes, ILogger<ProjectionShapes> logger) : IHostedService
{
    public sealed record Current(string Name, int Version, Type Projection);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var shape in shapes)
        {
            await using var session = store.LightweightSession();
            var stored = await session.LoadAsync<ProjectionShape>(shape.Name, cancellationToken);
            if (stored?.Version >= shape.Version)
            {
                continue;
            }

            if (await session.Events.QueryAllRawEvents().AnyAsync(cancellationToken))
            {
                logger.LogInformation("Rebuilding {Projection} from the events: its stored shape is version {Stored}, the code's {Current}",
                    shape.Name, stored?.Version ?? 0, shape.Version);
                using var daemon = await store.BuildProjectionDaemonAsync();
                await daemon.RebuildProjectionAsync(shape.Projection, cancellationToken);
            }

            session.Store(new ProjectionShape(shape.Name, shape.Version));
            await session.SaveChangesAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

public static class ProjectionShapeRegistration
{
    public static IServiceCollection AddProjectionShape<TProjection>(this IServiceCollection services, string name, int version)
        where TProjection : class
    {
        services.AddSingleton(new ProjectionShapes.Current(name, version, typeof(TProjection)));
        return services;
    }
}
