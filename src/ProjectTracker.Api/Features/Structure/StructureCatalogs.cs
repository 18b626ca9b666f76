using FluentValidation;
using Marten;
using ProjectTracker.Api.Features.Access;
using ProjectTracker.Api.Infrastructure;
using ProjectTracker.Domain.Structure;

namespace ProjectTracker.Api.Features.Structure;

public sealed class StructureCatalogs : IDisposable
{
    private readonly StampedSnapshot<StructureLists> held = new();

    public async Task<StructureCatalog> Current(IQuerySession session, CancellationToken ct) => (await Read(session, ct)).Catalog;

    public async Task<StructureLists> Read(IQuerySession session, CancellationToken ct)
    {
        var stamp = (await session.LoadAsync<StructureStamp>(StructureStamp.Single, ct))?.Stamp ?? Guid.Empty;
        return await held.Get(stamp, async token =>
            new StructureLists(stamp, new StructureCatalog((await session.Query<ReferenceEntry>().ToListAsync(token)).Select(e => e.ToEntry()))), ct);
    }

    // Only a unit key's rights depend on the lists (which unit a project is); every other key goes on without reading them.
    public ValueTask<Caller> Scoped(Caller caller, IQuerySession session, CancellationToken ct) =>
        caller.IsUnit && caller.Structure is null ? Attach(caller, session, ct) : ValueTask.FromResult(caller);

    private async ValueTask<Caller> Attach(Caller caller, IQuerySession session, CancellationToken ct) =>
        caller.WithStructure(await Current(session, ct));

    /// <summary>Read at most once however often it is asked: for a validator, whose rules each need the lists.</summary>
    public Func<CancellationToken, Task<StructureCatalog>> Once(IQuerySession session)
    {
        Task<StructureCatalog>? read = null;
        return ct => read ??= Current(session, ct);
    }

    public void Dispose() => held.Dispose();
}

public sealed record StructureLists(Guid Stamp, StructureCatalog Catalog);

public static class StructureRules
{
    public static IRuleBuilderOptions<T, string?> Entry<T>(
        this IRuleBuilder<T, string?> rule, StructureList list, Func<CancellationToken, Task<StructureCatalog>> lists) =>
        rule.MaximumLength(Domain.Projects.ProjectProfile.MaxNameLength)
            .MustAsync(async (value, ct) => string.IsNullOrWhiteSpace(value) || (await lists(ct)).Find(list, value) is not null)
            .WithMessage(value => $"Unknown {Json.WireName(list)}: give a code of GET /api/v1/{StructureEndpoints.PathOf(list)} (or register it first with PUT).");
}
