using Marten;

namespace ProjectTracker.Api.Infrastructure;

/// <summary>Opens sessions that stamp every appended event with the calling key's name (the "by" of history).</summary>
public sealed class CallerSessionFactory(IDocumentStore store, IHttpContextAccessor http) : ISessionFactory
{
    public const string System = "system";

    public IQuerySession QuerySession() => store.QuerySession();

    public IDocumentSession OpenSession()
    {
        var session = store.LightweightSession();
        session.LastModifiedBy = http.HttpContext?.User.Identity?.Name is { Length: > 0 } name ? name : System;
        return session;
    }
}
