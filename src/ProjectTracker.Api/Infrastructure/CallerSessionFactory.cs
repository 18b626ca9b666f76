using Marten;

namespace ProjectTracker.Api.Infrastructure;

/// <summary>
/// Opens sessions that stamp every appended event with the calling key's name (the "by" of history). In a request
/// with an Idempotency-Key the session writes into the key's transaction, which commits with the request's answer
/// (<see cref="IdempotencyScope"/>).</summary>
public sealed class CallerSessionFactory(IDocumentStore store, IHttpContextAccessor http) : ISessionFactory
{
    public const string System = "system";

    public IQuerySession QuerySession() => store.QuerySession();

    public IDocumentSession OpenSession()
    {
        var context = http.HttpContext;
        var by = context?.User.Identity?.Name is { Length: > 0 } name ? name : System;
        if (IdempotencyScope.Of(context) is { } scope)
        {
            return scope.OpenSession(by);
        }

        var session = store.LightweightSession();
        session.LastModifiedBy = by;
        return session;
    }
}
