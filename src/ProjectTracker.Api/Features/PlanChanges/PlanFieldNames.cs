using ProjectTracker.Domain.Projects;

namespace ProjectTracker.Api.Features.PlanChanges;

public static class PlanFieldNames
{
    public static string Chinese(string field) => field switch
    {
        ApprovedPlan.TotalInvestment => "总投资",
        ApprovedPlan.TargetYear => "目标年份",
        ApprovedPlan.Category => "项目类别",
        ApprovedPlan.District => "所属区县",
        ApprovedPlan.Scope => "建设内容及规模",
        ApprovedPlan.Baselines => "节点基准日期",
        ApprovedPlan.AnnualPlans => "年度计划投资",
        ApprovedPlan.UnkeyMilestones => "关键节点调整",
        _ => field,
    };
}
