using System.Security.Claims;
using System.Text.Json;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using ProjectTracker.Api.Features.Access;
using ProjectTracker.Api.Features.Structure;
using ProjectTracker.Api.Infrastructure;
using ProjectTracker.Domain.Portfolio;
using ProjectTracker.Domain.Projects;

namespace ProjectTracker.Api.Features.Projects;

public static class RegisterProject
{
    public sealed record Request : ProjectFields
    {
        public Request()
        {
        }

        public Request(ProjectFields fields)
            : base(fields)
        {
        }

        public sealed class Validator : AbstractValidator<Request>
        {
            public Validator(IQuerySession session, StructureCatalogs catalogs)
            {
                RuleFor(r => r.Code).ProjectCodeShape();
                // A registration gives every field that cannot be cleared but isPublic, which defaults to false.
                this.ProfileFields(session, catalogs, (_, field) => field != "isPublic");
            }
        }
    }

    public static Request Example { get; } = new()
    {
        Code = "2024-410300-48-01-000123",
        Name = "东环路快速化改造",
        Category = Category.RingRoad,
        District = "410302",
        ResponsibleUnit = "市交通运输局",
        ContactEmail = "pm@example.gov.cn",
        LeadOfficial = "张三",
        TotalInvestment = 125000.5m,
        PlanPeriod = PlanPeriod.Fifteenth,
        TargetYear = 2027,
        Cluster = "环城快速路网",
        Sector = "交通",
        Programme = "城市更新三年行动",
        IsPublic = true,
        Description = "东环路全线快速化改造，新建高架桥 8.6 公里，改造互通立交 3 座。",
        Location = JsonDocument.Parse("""{ "type": "LineString", "coordinates": [[112.558, 34.72], [112.561, 34.69], [112.566, 34.635]] }""").RootElement,
    };

    public static void Map(IEndpointRouteBuilder projects) =>
        projects.MapPost("/", Handle)
            .RequireAuthorization(Policies.Writer)
            .WithRequestExample(Example)
            .WithName("RegisterProject")
            .WithSummary("Register a project in the portfolio")
            .WithDescription("""
                The project code is unique (409 when another project has it). A district key registers only in its own
                district; a unit key only projects of its own unit (`unit`, or a `responsibleUnit` that is the unit's name), in
                any district: 403 otherwise.
                """)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict);

    public static async Task<Created<ProjectResponse>> Handle(
        Request request, ClaimsPrincipal user, ProjectWriter writer, IQuerySession session, StructureCatalogs catalogs, ProjectView view, HttpResponse response, CancellationToken ct)
    {
        var catalog = await catalogs.Current(session, ct);
        var command = request.ToCommand(Guid.CreateVersion7(), catalog);
        var registered = await writer.Register(command, user.Caller().WithStructure(catalog), ct);
        var stored = await session.LoadAsync<Project>(registered.Id, ct) ?? registered;
        response.SetETag(stored.Version);
        return TypedResults.Created($"/api/v1/projects/{stored.Id}", await view.Show(session, stored, ct));
    }
}
