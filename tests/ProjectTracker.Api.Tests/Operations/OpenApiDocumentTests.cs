using System.Net;
using System.Text.Json;
using ProjectTracker.Api.Tests.Support;

namespace ProjectTracker.Api.Tests.Operations;

/// <summary>The OpenAPI document as client generators read it; scripts/openapi-check.sh lints the copy written here.</summary>
[Collection(ApiCollection.Name)]
public sealed class OpenApiDocumentTests(TrackerApp app)
{
    private static readonly string[] Verbs = ["get", "put", "post", "delete", "patch"];

    private readonly HttpClient anonymous = app.Client(apiKey: null);

    [Fact]
    public async Task The_openapi_document_is_written_for_the_client_check()
    {
        var response = await anonymous.GetAsync("/swagger/v1/swagger.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var path = OutputPath();
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Every_operation_documents_the_rate_limit_with_retry_after()
    {
        var faults = new List<string>();
        foreach (var (name, operation) in Operations(await Document()))
        {
            if (!operation.GetProperty("responses").TryGetProperty("429", out var tooMany))
            {
                faults.Add($"{name}: no 429");
            }
            else if (!tooMany.TryGetProperty("headers", out var headers) || !headers.TryGetProperty("Retry-After", out _))
            {
                faults.Add($"{name}: 429 without Retry-After");
            }
        }

        Assert.True(faults.Count == 0, string.Join(Environment.NewLine, faults));
    }

    [Fact]
    public async Task Every_error_response_is_a_problem_and_every_body_may_be_refused()
    {
        var faults = new List<string>();
        foreach (var (name, operation) in Operations(await Document()))
        {
            foreach (var response in operation.GetProperty("responses").EnumerateObject().Where(r => r.Name.StartsWith('4') && r.Name != "406"))
            {
                if (!response.Value.TryGetProperty("content", out var content) || !content.TryGetProperty("application/problem+json", out _))
                {
                    faults.Add($"{name}: {response.Name} is not application/problem+json");
                }
            }

            var responses = operation.GetProperty("responses");
            if (operation.TryGetProperty("requestBody", out _) && !(responses.TryGetProperty("400", out _) && responses.TryGetProperty("413", out _)))
            {
                faults.Add($"{name}: takes a body but documents no 400 or 413");
            }
        }

        Assert.True(faults.Count == 0, string.Join(Environment.NewLine, faults));
    }

    [Theory]
    [InlineData("PutDistrict", "name", "老城区")]
    [InlineData("RegisterProject", "category", "ring-road")]
    [InlineData("PlanMilestone", "kind", "groundbreaking")]
    [InlineData("ChangeMilestoneForecast", "forecastDate", "2026-05-15")]
    [InlineData("ReportProgress", "reportDate", "2026-06-10")]
    [InlineData("RequestRebaseline", "reason", null)]
    [InlineData("Subscribe", "email", "zhongdian@example.gov.cn")]
    [InlineData("CreateApiKey", "role", "district")]
    public async Task The_main_request_bodies_carry_an_example_in_wire_format(string operationId, string field, string? value)
    {
        var operation = Operations(await Document()).Single(o => o.Operation.Str("operationId") == operationId).Operation;

        var example = operation.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("example");

        var actual = example.GetProperty(field).GetString();
        Assert.False(string.IsNullOrWhiteSpace(actual));
        if (value is not null)
        {
            Assert.Equal(value, actual);
        }
    }

    private async Task<JsonElement> Document() =>
        await (await anonymous.GetAsync("/swagger/v1/swagger.json")).Expect(HttpStatusCode.OK);

    private static IEnumerable<(string Name, JsonElement Operation)> Operations(JsonElement document) =>
        from path in document.GetProperty("paths").EnumerateObject()
        from operation in path.Value.EnumerateObject()
        where Verbs.Contains(operation.Name)
        select ($"{operation.Name.ToUpperInvariant()} {path.Name}", operation.Value);

    /// <summary>TestResults/openapi/swagger.json at the checkout's root, or where PT_OPENAPI_OUTPUT says.</summary>
    private static string OutputPath()
    {
        var configured = Environment.GetEnvironmentVariable("PT_OPENAPI_OUTPUT");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(configured);
        }

        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ProjectTracker.sln")))
        {
            directory = directory.Parent;
        }

        var root = directory?.FullName ?? Directory.GetCurrentDirectory();
        return Path.Combine(root, "TestResults", "openapi", "swagger.json");
    }
}
