using System.Text.Json;
using JasperFx.Events;

namespace ProjectTracker.Api.Infrastructure;

public static class EventWire
{
    public static string TypeName(string martenName) => martenName.Replace('_', '-');

    public static string TypeName(IEvent e) => TypeName(e.EventTypeName);

    public static JsonElement Data(IEvent e) => JsonSerializer.SerializeToElement(e.Data, e.EventType, Json.Options);
}
