using System.Text.Json;
using JasperFx.Events;

namespace ProjectTracker.Api.Infrastructure;

/// <summary>How an event looks on the wire, the same in a project's history, the change feed and webhooks.</summary>
public static class EventWire
{
    /// <summary>Marten names event types in snake_case (<c>project_registered</c>); the API in kebab-case.</summary>
    public static string TypeName(string martenName) => martenName.Replace('_', '-');

    public static string TypeName(IEvent e) => TypeName(e.EventTypeName);

    /// <summary>The event's own fields as JSON (docs/event-catalogue.md).</summary>
    public static JsonElement Data(IEvent e) => JsonSerializer.SerializeToElement(e.Data, e.EventType, Json.Options);
}
