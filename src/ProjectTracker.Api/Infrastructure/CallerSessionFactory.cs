using Marten;

namespace ProjectTracker.Api.Infrastructure;

// Under an Idempotency-Key the session writes into the key's transaction, which commits with the request's answer.
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
