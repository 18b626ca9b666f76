using System.Text.Json;
using System.Text.Json.Serialization;
using ProjectTracker.Api.Features.Access;
using ProjectTracker.Api.Features.Alerts;
using ProjectTracker.Api.Features.Baselines;
using ProjectTracker.Api.Features.Districts;
using ProjectTracker.Api.Features.Integration;
using ProjectTracker.Api.Features.Milestones;
using ProjectTracker.Api.Features.Progress;
using ProjectTracker.Api.Features.Projects;
using ProjectTracker.Api.Features.Proposals;
using ProjectTracker.Domain.Alerts;
using ProjectTracker.Domain.Portfolio;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ProjectTracker.Api.Infrastructure;

/// <summary>
/// A worked example for the main request bodies, written as the request types themselves so an example cannot
/// drift from the shape the endpoint binds (a renamed field fails the build, not a client).
/// </summary>
public sealed class OpenApiExamples : IOperationFilter
{
    private static readonly RegisterProject.Request Project = new(
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

    /// <summary>The request types that carry an example.</summary>
    public static IReadOnlyDictionary<Type, object> ByRequestType { get; } = new Dictionary<Type, object>
    {
        [typeof(PutDistrict.Request)] = new PutDistrict.Request("老城区", "leader.410302@example.gov.cn"),
        [typeof(RegisterProject.Request)] = Project,
        [typeof(AmendProject.Request)] = new AmendProject.Request(
            Code: null, Name: null, Category: null, District: null,
            ResponsibleUnit: "市城市建设投资集团",
            ContactEmail: null, LeadOfficial: "李四", TotalInvestment: 131200m,
            PlanPeriod: null, TargetYear: null, Cluster: null, Sector: null, Programme: null, IsPublic: null, Description: null),
        [typeof(PlanMilestone.Request)] = new PlanMilestone.Request("主线高架开工", MilestoneKind.Groundbreaking, new DateOnly(2026, 3, 31), true),
        [typeof(ChangeForecast.Request)] = new ChangeForecast.Request(new DateOnly(2026, 5, 15), "管线迁改协调中，涉及电力、燃气、通信共12处"),
        [typeof(CompleteMilestone.Request)] = new CompleteMilestone.Request(new DateOnly(2026, 4, 8)),
        [typeof(ReportProgress.Request)] = new ReportProgress.Request(
            ReportDate: new DateOnly(2026, 6, 10),
            PercentComplete: 35m,
            InvestmentToDate: 43750m,
            InvestmentThisYear: 18600m,
            FundsInPlace: 52000m,
            Narrative: "主线桥梁桩基完成 80%，3 号互通立交完成承台施工。",
            Issues: "部分路段交通导改方案待交警部门批复。"),
        [typeof(SetAnnualPlan.Request)] = new SetAnnualPlan.Request(36000m),
        [typeof(RequestRebaseline.Request)] = new RequestRebaseline.Request(
            "征地拆迁滞后，沿线3个村组补偿协议未签订，申请调整开工及主体完工基准日期",
            [
                new RequestRebaseline.Change(Guid.Parse("0196f3c2-5b1e-7a10-9c3d-2f6a8e4b1d01"), new DateOnly(2026, 6, 30)),
                new RequestRebaseline.Change(Guid.Parse("0196f3c2-5b1e-7a10-9c3d-2f6a8e4b1d02"), new DateOnly(2027, 3, 31)),
            ]),
        [typeof(RebaselineDecision.Request)] = new RebaselineDecision.Request("经市重点项目办审核，同意调整。"),
        [typeof(CloseProject.CloseRequest)] = new CloseProject.CloseRequest("已竣工验收并投入使用。"),
        [typeof(CloseProject.CancelRequest)] = new CloseProject.CancelRequest("项目纳入东部片区综合开发，本项目不再单独实施。"),
        [typeof(Subscribe.Request)] = new Subscribe.Request(
            "zhongdian@example.gov.cn", "410302", null, [AlertKind.Deadline, AlertKind.Overdue, AlertKind.Slip, AlertKind.WeeklyReport]),
        [typeof(CreateApiKey.Request)] = new CreateApiKey.Request("老城区发改委", ApiKeyRole.District, "410302"),
        [typeof(ProposeProject.Request)] = new ProposeProject.Request(Project, 2027, "打通东部片区与老城区的快速联系，缓解建设路高峰拥堵。"),
        [typeof(RejectProposal.Request)] = new RejectProposal.Request("与已列入计划的东部片区综合开发项目重复。"),
        [typeof(CreateWebhook.Request)] = new CreateWebhook.Request(
            "https://example.gov.cn/hooks/projecttracker", ["milestone-slip-flagged", "project-rag-changed"], "410302"),
    };

    /// <summary>The wire's JSON, leaving out what an example does not set.</summary>
    private static readonly JsonSerializerOptions WireJson = new(Json.Options)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public void Apply(Microsoft.OpenApi.OpenApiOperation operation, OperationFilterContext context)
    {
        if (operation.RequestBody?.Content is not { } content || !content.TryGetValue("application/json", out var json))
        {
            return;
        }

        var example = context.ApiDescription.ParameterDescriptions
            .Select(p => p.Type is { } type && ByRequestType.TryGetValue(type, out var value) ? value : null)
            .FirstOrDefault(value => value is not null);
        if (example is not null && json is Microsoft.OpenApi.OpenApiMediaType media)
        {
            media.Example = JsonSerializer.SerializeToNode(example, example.GetType(), WireJson);
        }
    }
}
