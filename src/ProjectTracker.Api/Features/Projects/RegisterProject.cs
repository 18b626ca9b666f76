using System.Security.Claims;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using ProjectTracker.Api.Features.Access;
using ProjectTracker.Api.Infrastructure;
using ProjectTracker.Domain.Portfolio;
using ProjectTracker.Domain.Projects;
using Command = ProjectTracker.Domain.Projects.RegisterProject;

namespace ProjectTracker.Api.Features.Projects;

public static class RegisterProject
{
    public sealed record Request(
        string? Code,
        string? Name,
        Category? Category,
        string? District,
        string? ResponsibleUnit,
        string? ContactEmail,
        string? LeadOfficial,
        decimal? TotalInvestment,
        PlanPeriod? PlanPeriod,
        int? TargetYear,
        string? Cluster,
        string? Sector,
        string? Programme,
        bool? IsPublic,
        string? Description)
    {
        public sealed class Validator : AbstractValidator<Request>
        {
            public Validator(IQuerySession session)
            {
                RuleFor(r => r.Code).ProjectCodeShape();
                RuleFor(r => r.Name).ProjectName();
                RuleFor(r => r.Category).NotNull().Known();
                RuleFor(r => r.District).KnownDistrict(session);
                RuleFor(r => r.ResponsibleUnit).RequiredText();
                RuleFor(r => r.ContactEmail).OptionalEmail();
                RuleFor(r => r.LeadOfficial).OptionalText();
                RuleFor(r => r.TotalInvestment).Money();
                RuleFor(r => r.PlanPeriod).Known();
                RuleFor(r => r.TargetYear).TargetYear();
                RuleFor(r => r.Cluster).OptionalText();
                RuleFor(r => r.Sector).OptionalText();
                RuleFor(r => r.Programme).OptionalText();
                RuleFor(r => r.Description).OptionalText(ProjectProfile.MaxTextLength);
            }
        }

        public Command ToCommand(Guid projectId) => new(projectId, Code!.Trim(), new ProjectProfile
        {
            Name = Name!.Trim(),
            Category = Category!.Value,
            District = District!.Trim(),
            ResponsibleUnit = ResponsibleUnit!.Trim(),
            ContactEmail = ContactEmail?.Trim(),
            LeadOfficial = LeadOfficial?.Trim(),
            TotalInvestment = TotalInvestment,
            PlanPeriod = PlanPeriod,
            TargetYear = TargetYear,
            Cluster = Cluster?.Trim(),
            Sector = Sector?.Trim(),
            Programme = Programme?.Trim(),
            IsPublic = IsPublic ?? false,
            Description = Description,
        });
    }

    /// <summary>The worked example of the OpenAPI document, also a proposal's project.</summary>
    public static Request Example { get; } = new(
        Code: "2024-410300-48-01-000123",
        Name: "东环路快速化改造",
        Category: Category.RingRoad,
        District: "410302",
        ResponsibleUnit: "市交通运输局",
        ContactEmail: "pm@example.gov.cn",
        LeadOfficial: "张三",
        TotalInvestment: 125000.5m,
        PlanPeriod: PlanPeriod.Fifteenth,
        TargetYear: 2027,
        Cluster: "环城快速路网",
        Sector: "交通",
        Programme: "城市更新三年行动",
        IsPublic: true,
        Description: "东环路全线快速化改造，新建高架桥 8.6 公里，改造互通立交 3 座。");

    public static void Map(IEndpointRouteBuilder projects) =>
        projects.MapPost("/", Handle)
            .RequireAuthorization(Policies.Writer)
            .WithRequestExample(Example)
            .WithName("RegisterProject")
            .WithSummary("Register a project in the portfolio")
            .WithDescription("The project code is unique (409 when another project has it). A district key registers only in its own district.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict);

    public static async Task<Created<ProjectResponse>> Handle(
        Request request, ClaimsPrincipal user, ProjectWriter writer, IQuerySession session, ProjectView view, HttpResponse response, CancellationToken ct)
    {
        var registered = await writer.Register(request.ToCommand(Guid.CreateVersion7()), user.Caller(), ct);
        var stored = await session.LoadAsync<Project>(registered.Id, ct) ?? registered;
        response.SetETag(stored.Version);
        return TypedResults.Created($"/api/v1/projects/{stored.Id}", view.Show(stored));
    }
}
