namespace ProjectTracker.Domain.Projects;

/// <summary>How much a project's plan has moved (折腾): the counts the project and every summary row show.</summary>
/// <param name="DaysMovedAbsolute">Days approved changes moved baselines by, every move counted: a move back adds to a move forward.</param>
/// <param name="DaysMovedNet">The same days signed, so that a move back cancels a move forward (the old <c>rebaselineDaysMoved</c>).</param>
/// <param name="InvestmentChange">Total investment now minus the original plan's, in 万元.</param>
public sealed record PlanChangeCounts(int Approved, int Rejected, int Pending, int DaysMovedAbsolute, int DaysMovedNet, decimal InvestmentChange)
{
    public static readonly PlanChangeCounts None = new(0, 0, 0, 0, 0, 0m);

    public static PlanChangeCounts Of(Project project) => new(
        project.PlanChangesIn(PlanChangeStatus.Approved),
        project.PlanChangesIn(PlanChangeStatus.Rejected),
        project.PlanChangesIn(PlanChangeStatus.Pending),
        project.DaysMovedAbsolute,
        project.RebaselineDaysMoved,
        (project.Profile.TotalInvestment ?? 0m) - (project.OriginalPlan?.TotalInvestment ?? project.Profile.TotalInvestment ?? 0m));

    public static PlanChangeCounts Sum(IEnumerable<PlanChangeCounts> counts) => counts.Aggregate(None, (total, c) => new(
        total.Approved + c.Approved,
        total.Rejected + c.Rejected,
        total.Pending + c.Pending,
        total.DaysMovedAbsolute + c.DaysMovedAbsolute,
        total.DaysMovedNet + c.DaysMovedNet,
        total.InvestmentChange + c.InvestmentChange));
}
