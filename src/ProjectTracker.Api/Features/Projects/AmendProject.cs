using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using ProjectTracker.Api.Features.Access;
using ProjectTracker.Api.Features.Structure;
using ProjectTracker.Api.Infrastructure;
using ProjectTracker.Domain.Projects;
using ProjectTracker.Domain.Structure;

namespace ProjectTracker.Api.Features.Projects;

public static class AmendProject
{
    /// <summary>A JSON merge patch of the descriptive fields: fields present are set (null clears an optional one), fields absent stay as they are.</summary>
    public sealed record Request : ProjectFields
    {
        private JsonElement Patch { get; init; }

        // As case-insensitive as the binder: a field it read in another case is checked and applied, not dropped.
        public bool Has(string field) =>
            Patch.ValueKind == JsonValueKind.Object && Patch.EnumerateObject().Any(p => string.Equals(p.Name, field, StringComparison.OrdinalIgnoreCase));

        public static async ValueTask<Request?> BindAsync(HttpContext http)
        {
            JsonDocument document;
            try
            {
                document = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
            }
            catch (JsonException e)
            {
                throw new BadHttpRequestException("The body is not valid JSON.", StatusCodes.Status400BadRequest, e);
            }

            using (document)
            {
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    throw new BadHttpRequestException("The body is a JSON object of the fields to change.", StatusCodes.Status400BadRequest,
                        new JsonException("The body is a JSON object of the fields to change.", "$", null, null));
                }

                Request? request;
                try
                {
                    request = document.RootElement.Deserialize<Request>(Json.RequestOptions);
                }
                catch (JsonException e)
                {
                    throw new BadHttpRequestException("A field has the wrong type.", StatusCodes.Status400BadRequest, e);
                }

                return request! with { Patch = document.RootElement.Clone() };
            }
        }

        public sealed class Validator : AbstractValidator<Request>
        {
            public Validator(IQuerySession session, StructureCatalogs catalogs)
            {
                RuleFor(r => r.Code).Null().WithMessage("The project code cannot be changed.").When(r => r.Has("code"));
                this.ProfileFields(session, catalogs, (r, field) => r.Has(field));
            }
        }

        // Read back as a full set of fields, so that amending maps and trims exactly as registering does.
        public ProjectProfile MergeInto(ProjectProfile current, StructureCatalog catalog)
        {
            var merged = JsonObject.Create(JsonSerializer.SerializeToElement(current, Json.RequestOptions))!;
            foreach (var field in JsonSerializer.SerializeToElement(this, Json.RequestOptions).EnumerateObject().Where(f => merged.ContainsKey(f.Name) && Has(f.Name)))
            {
                merged[field.Name] = JsonSerializer.SerializeToNode(field.Value);
            }

            // A programme names its system: moving the project to another programme moves it to that programme's system.
            if (Has("programme") && !Has("system") && !string.IsNullOrWhiteSpace(Programme))
            {
                merged["system"] = null;
            }

            // A location not sent is kept as stored, not read and written again.
            var keepsLocation = !Has("location");
            if (keepsLocation)
            {
                merged.Remove("location");
            }

            var profile = merged.Deserialize<Request>(Json.RequestOptions)!.ToProfile(catalog, unitNamesResponsible: Has("unit") && !Has("responsibleUnit"));
            return keepsLocation ? profile with { Location = current.Location } : profile;
        }
    }

    public static void Map(IEndpointRouteBuilder projects) =>
        projects.MapPatch("/{id:guid}", Handle)
            .RequireAuthorization(Policies.Writer)
            .Accepts<Request>("application/merge-patch+json", "application/json")
            .WithRequestExample(new Request { ResponsibleUnit = "市城市建设投资集团", LeadOfficial = "李四" })
            .WithName("AmendProject")
            .WithSummary("Amend a project's descriptive fields")
            .WithDescription("""
                A JSON merge patch: fields present are set (null clears an optional field), absent fields stay.
                The code cannot be changed. Honours `If-Match` (412 when stale). The approved plan's fields
                (`totalInvestment`, `targetYear`, `category`, `district`, `scope`) change only through an approved plan change:
                a PATCH that changes one is 409 with `type` ending in `plan-change-required` and `fields` naming them.
                A district key amends its own district's projects only; a unit key its own unit's, in any district, and
                cannot hand one to another unit (`unit`, or the `responsibleUnit` of a project without one): 403.
                """)
            .ProducesProjectWriteProblems();

    public static async Task<Ok<ProjectResponse>> Handle(
        Guid id, Request request, ClaimsPrincipal user, ProjectWriter writer, IQuerySession session, StructureCatalogs catalogs, ProjectView view, HttpContext http, CancellationToken ct)
    {
        var catalog = await catalogs.Current(session, ct);
        var caller = user.Caller().WithStructure(catalog);
        var amended = await writer.Execute(id, http.Request.ExpectedVersion(), caller, project =>
        {
            var profile = request.MergeInto(project.Profile, catalog);
            // Before the district check: moving a project is a plan change for every key, not a matter of rights.
            ApprovedPlan.EnsureNoPlanFieldChanged(profile, project.Profile);
            if (caller.IsUnit && caller.UnitOf(profile) is var unit && unit != caller.Unit)
            {
                throw new AccessDeniedException(
                    $"The key of unit {caller.Unit} cannot hand its project to {(unit is null ? "no listed unit" : $"unit {unit}")}: the city office (an admin key) reassigns projects.");
            }

            caller.EnsureMayWrite(profile);
            return new ProjectCommand.AmendProject(profile);
        }, ct);

        var stored = await session.LoadAsync<Project>(id, ct) ?? amended;
        http.Response.SetETag(stored.Version);
        return TypedResults.Ok(await view.Show(session, stored, ct));
    }
}
