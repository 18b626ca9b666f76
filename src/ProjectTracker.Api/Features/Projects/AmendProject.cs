using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using ProjectTracker.Api.Features.Access;
using ProjectTracker.Api.Infrastructure;
using ProjectTracker.Domain.Projects;

namespace ProjectTracker.Api.Features.Projects;

public static class AmendProject
{
    /// <summary>
    /// A JSON merge patch of the descriptive fields: fields present are set (null clears an
    /// optional one), fields absent stay as they are.</summary>
    public sealed record Request : ProjectFields
    {
        private JsonObject Patch { get; init; } = new(new JsonNodeOptions { PropertyNameCaseInsensitive = true });

        public bool Has(string field) => Patch.ContainsKey(field);

        public static async ValueTask<Request?> BindAsync(HttpContext http)
        {
            JsonNode? body;
            try
            {
                body = await JsonNode.ParseAsync(http.Request.Body, new JsonNodeOptions { PropertyNameCaseInsensitive = true }, cancellationToken: http.RequestAborted);
            }
            catch (JsonException e)
            {
                throw new BadHttpRequestException("The body is not valid JSON.", StatusCodes.Status400BadRequest, e);
            }

            if (body is not JsonObject patch)
            {
                throw new BadHttpRequestException("The body is a JSON object of the fields to change.", StatusCodes.Status400BadRequest,
                    new JsonException("The body is a JSON object of the fields to change.", "$", null, null));
            }

            Request? request;
            try
            {
                request = patch.Deserialize<Request>(Json.RequestOptions);
            }
            catch (JsonException e)
            {
                throw new BadHttpRequestException("A field has the wrong type.", StatusCodes.Status400BadRequest, e);
            }

            return request! with { Patch = patch };
        }

        public sealed class Validator : AbstractValidator<Request>
        {
            public Validator(IQuerySession session)
            {
                RuleFor(r => r.Code).Null().WithMessage("The project code cannot be changed.").When(r => r.Has("code"));
                this.ProfileFields(session, (r, field) => r.Has(field));
            }
        }

        // RFC 7396 on the current profile, read back as a full set of fields: one mapping and one set of trims with registering.
        public ProjectProfile MergeInto(ProjectProfile current)
        {
            var merged = new JsonObject(new JsonNodeOptions { PropertyNameCaseInsensitive = true });
            foreach (var (name, value) in JsonSerializer.SerializeToNode(current, Json.RequestOptions)!.AsObject())
            {
                merged[name] = value?.DeepClone();
            }

            foreach (var (name, value) in Patch)
            {
                merged[name] = value?.DeepClone();
            }

            return merged.Deserialize<Request>(Json.RequestOptions)!.ToProfile();
        }
    }

    public static void Map(IEndpointRouteBuilder projects) =>
        projects.MapPatch("/{id:guid}", Handle)
            .RequireAuthorization(Policies.Writer)
            .Accepts<Request>("application/merge-patch+json", "application/json")
            .WithRequestExample(new Request { ResponsibleUnit = "市城市建设投资集团", LeadOfficial = "李四", TotalInvestment = 131200m })
            .WithName("AmendProject")
            .WithSummary("Amend a project's descriptive fields")
            .WithDescription("""
                A JSON merge patch: fields present are set (null clears an optional field), absent fields stay.
                The code cannot be changed. Honours `If-Match` (412 when stale). Moving a project to another
                district needs an admin key.
                """)
            .ProducesProjectWriteProblems();

    public static async Task<Ok<ProjectResponse>> Handle(
        Guid id, Request request, ClaimsPrincipal user, ProjectWriter writer, IQuerySession session, ProjectView view, HttpContext http, CancellationToken ct)
    {
        var caller = user.Caller();
        var amended = await writer.Execute(id, http.Request.ExpectedVersion(), caller, project =>
        {
            var profile = request.MergeInto(project.Profile);
            caller.EnsureMayWrite(profile.District);
            return new Domain.Projects.AmendProject(profile);
        }, ct);

        var stored = await session.LoadAsync<Project>(id, ct) ?? amended;
        http.Response.SetETag(stored.Version);
        return TypedResults.Ok(view.Show(stored));
    }
}
