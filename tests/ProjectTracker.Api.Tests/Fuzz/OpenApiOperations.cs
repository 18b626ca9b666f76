using System.Text.Json.Nodes;

namespace ProjectTracker.Api.Tests.Fuzz;

/// <summary>One parameter of an operation as the served document declares it.</summary>
public sealed record FuzzParameter(string Name, string In, bool Required, JsonNode? Schema);

/// <summary>One operation of the served OpenAPI document: what the fuzz run builds requests for.</summary>
/// <param name="Roles">The <c>x-roles</c> extension: the roles whose keys it admits; empty for an operation that needs no key.</param>
/// <param name="Bodies">Media type → schema of each request body it takes.</param>
public sealed record FuzzOperation(
    string Method,
    string Path,
    IReadOnlyList<FuzzParameter> Parameters,
    IReadOnlyDictionary<string, JsonNode?> Bodies,
    IReadOnlyList<string> Roles,
    JsonNode? Example)
{
    public string Name => $"{Method} {Path}";

    public bool IsWrite => Method is "POST" or "PUT" or "PATCH" or "DELETE";
}

/// <summary>Reads the operations and resolves schema references of an OpenAPI 3.0 document.</summary>
public sealed class OpenApiOperations(JsonNode document)
{
    public IReadOnlyList<FuzzOperation> All { get; } = Read(document);

    /// <summary>The schema a reference names, followed through <c>$ref</c> and single-entry <c>allOf</c>, merged with its siblings.</summary>
    public JsonNode? Resolve(JsonNode? schema)
    {
        for (var depth = 0; schema is JsonObject node && depth < 16; depth++)
        {
            if (node["$ref"]?.GetValue<string>() is { } reference)
            {
                schema = document.AsObject()["components"]?["schemas"]?[reference.Split('/')[^1]];
            }
            else if (node["allOf"] is JsonArray { Count: 1 } allOf)
            {
                schema = allOf[0];
            }
            else
            {
                return node;
            }
        }

        return schema;
    }

    private static List<FuzzOperation> Read(JsonNode document)
    {
        var operations = new List<FuzzOperation>();
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                var parameters = (operation!["parameters"] as JsonArray ?? [])
                    .Select(p => new FuzzParameter(p!["name"]!.GetValue<string>(), p["in"]!.GetValue<string>(), p["required"]?.GetValue<bool>() ?? false, p["schema"]))
                    .ToList();
                var bodies = new Dictionary<string, JsonNode?>();
                JsonNode? example = null;
                if (operation["requestBody"]?["content"] is JsonObject content)
                {
                    foreach (var (mediaType, media) in content)
                    {
                        bodies[mediaType] = media?["schema"];
                        example ??= media?["example"];
                    }
                }

                var roles = operation["x-roles"] is JsonArray declared ? declared.Select(r => r!.GetValue<string>()).ToList() : [];
                operations.Add(new FuzzOperation(method.ToUpperInvariant(), path, parameters, bodies, roles, example?.DeepClone()));
            }
        }

        return operations;
    }
}
