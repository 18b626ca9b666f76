using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using NJsonSchema;
using ProjectTracker.Api.Tests.Support;

namespace ProjectTracker.Api.Tests.Public;

/// <summary>Anonymous reads, the OC4IDS schema and JSON walking shared by the public-data tests.</summary>
public static class PublicTestKit
{
    private static readonly Lazy<Task<JsonSchema>> PackageSchema = new(LoadPackageSchema);

    /// <summary>A public project with a milestone and a progress report, in a district of its own.</summary>
    public static async Task<JsonElement> NewPublicProject(this Scenario given, Action<Dictionary<string, object?>>? change = null, string? district = null)
    {
        var body = Scenario.ProjectBody(district ?? await given.NewDistrict("洛龙区"));
        change?.Invoke(body);
        return await (await given.Admin.PostJson("/api/v1/projects", body)).Expect(HttpStatusCode.Created);
    }

    public static async Task<(HttpResponseMessage Response, string Text)> GetText(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        return (response, await response.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// Every property name and value in the document, one a line, as a reader sees them: the answers escape Chinese as
    /// <c>\uXXXX</c>, so a search of the raw text for a Chinese word never finds it.</summary>
    public static string DecodedText(string json)
    {
        static IEnumerable<string> Strings(JsonElement element) => element.ValueKind switch
        {
            JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Strings(p.Value).Prepend(p.Name)),
            JsonValueKind.Array => element.EnumerateArray().SelectMany(Strings),
            JsonValueKind.String => [element.GetString()!],
            _ => [element.GetRawText()],
        };

        return string.Join('\n', Strings(JsonDocument.Parse(json).RootElement));
    }

    /// <summary>Every property name anywhere in the document, with its path, e.g. <c>items[].milestones[].name</c>.</summary>
    public static IEnumerable<string> PropertyPaths(JsonElement element, string path = "")
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    var here = path.Length == 0 ? property.Name : $"{path}.{property.Name}";
                    yield return here;
                    foreach (var inner in PropertyPaths(property.Value, here))
                    {
                        yield return inner;
                    }
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    foreach (var inner in PropertyPaths(item, path + "[]"))
                    {
                        yield return inner;
                    }
                }

                break;
            default:
                break;
        }
    }

    /// <summary>What the OC4IDS project package schema finds wrong with the text; empty when it validates.</summary>
    public static async Task<IReadOnlyList<string>> Oc4idsErrors(string packageJson)
    {
        var schema = await PackageSchema.Value;
        return [.. schema.Validate(packageJson).Select(e => e.ToString())];
    }

    /// <summary>
    /// The package schema refers to the project schema by its published URL, and the project schema's own
    /// references are relative to itself: one document with the project schema as a definition keeps both working
    /// offline.
    /// </summary>
    private static async Task<JsonSchema> LoadPackageSchema()
    {
        var package = JsonNode.Parse(Oc4idsSchema.ProjectPackage)!.AsObject();
        var project = JsonNode.Parse(Oc4idsSchema.Project)!.AsObject();
        var definitions = project["definitions"]!.AsObject();
        project.Remove("definitions");
        project.Remove("id");
        project.Remove("$schema");
        definitions["Project"] = project;
        package["definitions"] = definitions;
        var items = package["properties"]!["projects"]!["items"]!.AsObject();
        Assert.Equal("https://standard.open-contracting.org/infrastructure/schema/0__9__5/project-schema.json", (string?)items["$ref"]);
        items["$ref"] = "#/definitions/Project";
        return await JsonSchema.FromJsonAsync(package.ToJsonString());
    }
}
