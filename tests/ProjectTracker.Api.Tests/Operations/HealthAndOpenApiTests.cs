using System.Net;
using System.Text.Json;
using ProjectTracker.Api.Tests.Support;

namespace ProjectTracker.Api.Tests.Operations;

[Collection(ApiCollection.Name)]
public sealed class HealthAndOpenApiTests(TrackerApp app)
{
    private static readonly string[] Verbs = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

    private readonly HttpClient anonymous = app.Client(apiKey: null);

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_answers_200_without_a_key(string path)
    {
        var response = await anonymous.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_openapi_document_answers_without_a_key()
    {
        var response = await anonymous.GetAsync("/swagger/v1/swagger.json");

        var document = await response.Expect(HttpStatusCode.OK);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("3.", document.Str("openapi"), StringComparison.Ordinal);
        Assert.Equal("ProjectTracker API", document.GetProperty("info").Str("title"));
        Assert.True(document.GetProperty("paths").TryGetProperty("/api/v1/projects", out _));
    }

    [Fact]
    public async Task Every_operation_has_an_id_a_summary_a_tag_and_a_success_response()
    {
        var document = await (await anonymous.GetAsync("/swagger/v1/swagger.json")).Expect(HttpStatusCode.OK);

        var operations = Operations(document).ToArray();

        Assert.NotEmpty(operations);
        var faults = new List<string>();
        foreach (var (name, operation) in operations)
        {
            if (!operation.TryGetProperty("operationId", out var id) || string.IsNullOrWhiteSpace(id.GetString()))
            {
                faults.Add($"{name}: no operationId");
            }

            if (!operation.TryGetProperty("summary", out var summary) || string.IsNullOrWhiteSpace(summary.GetString()))
            {
                faults.Add($"{name}: no summary");
            }

            if (!operation.TryGetProperty("tags", out var tags) || tags.GetArrayLength() == 0)
            {
                faults.Add($"{name}: no tag");
            }

            if (!operation.TryGetProperty("responses", out var responses) || !responses.EnumerateObject().Any(r => r.Name.StartsWith('2')))
            {
                faults.Add($"{name}: no 2xx response");
            }
        }

        Assert.True(faults.Count == 0, string.Join(Environment.NewLine, faults));
    }

    [Fact]
    public async Task Operation_ids_are_unique()
    {
        var document = await (await anonymous.GetAsync("/swagger/v1/swagger.json")).Expect(HttpStatusCode.OK);

        var ids = Operations(document)
            .Select(o => o.Operation.TryGetProperty("operationId", out var id) ? id.GetString() : null)
            .Where(id => id is not null)
            .ToArray();

        Assert.Equal(ids.Length, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task The_documented_paths_of_the_contract_are_present()
    {
        var document = await (await anonymous.GetAsync("/swagger/v1/swagger.json")).Expect(HttpStatusCode.OK);
        var paths = document.GetProperty("paths");

        Assert.True(paths.GetProperty("/api/v1/projects").TryGetProperty("post", out _));
        Assert.True(paths.GetProperty("/api/v1/projects").TryGetProperty("get", out _));
        Assert.True(paths.GetProperty("/api/v1/projects/{id}").TryGetProperty("patch", out _));
        Assert.True(paths.GetProperty("/api/v1/projects/{id}/history").TryGetProperty("get", out _));
        Assert.True(paths.GetProperty("/api/v1/api-keys").TryGetProperty("post", out _));
        Assert.True(paths.GetProperty("/api/v1/api-keys/{id}").TryGetProperty("delete", out _));
        Assert.True(paths.GetProperty("/api/v1/districts/{code}").TryGetProperty("put", out _));
    }

    [Fact]
    public async Task The_swagger_ui_is_served_without_a_key()
    {
        var response = await anonymous.GetAsync("/swagger/index.html");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("swagger-ui", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_api_without_a_key_answers_401()
    {
        var response = await anonymous.GetAsync("/api/v1/projects");

        await response.ExpectProblem(HttpStatusCode.Unauthorized);
    }

    private static IEnumerable<(string Name, JsonElement Operation)> Operations(JsonElement document) =>
        from path in document.GetProperty("paths").EnumerateObject()
        from operation in path.Value.EnumerateObject()
        where Verbs.Contains(operation.Name)
        select ($"{operation.Name.ToUpperInvariant()} {path.Name}", operation.Value);
}
