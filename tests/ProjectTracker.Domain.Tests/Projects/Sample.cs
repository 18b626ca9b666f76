using ProjectTracker.Domain.Portfolio;
using ProjectTracker.Domain.Projects;
using ProjectTracker.Domain.Schedule;

namespace ProjectTracker.Domain.Tests.Projects;

/// <summary>A registered project with one key milestone, the backdrop most tests start from.</summary>
internal static class Sample
{
    public const string Code = "2024-410300-48-01-000123";

    public static readonly Guid ProjectId = Guid.Parse("7f1d2c3b-0000-4000-8000-000000000001");
    public static readonly Guid MilestoneId = Guid.Parse("7f1d2c3b-0000-4000-8000-0000000000a1");
    public static readonly Guid ReportId = Guid.Parse("7f1d2c3b-0000-4000-8000-0000000000b1");
    public static readonly DateOnly Baseline = new(2026, 9, 30);

    public static readonly ProjectProfile Profile = new()
    {
        Name = "Metro Line 3 Phase II",
        Category = Category.RailTransit,
        District = "410302",
        ResponsibleUnit = "City Rail Transit Co.",
    };

    public static ProjectRegistered Registered => new(ProjectId, Code, Profile);

    public static MilestonePlanned MilestonePlanned => new(ProjectId, MilestoneId, "Groundbreaking", MilestoneKind.Groundbreaking, Baseline, IsKey: true);

    public static MilestoneCompleted MilestoneCompleted => new(ProjectId, MilestoneId, new DateOnly(2026, 6, 1));

    public static ProgressReported Reported(DateOnly reportDate, decimal percentComplete) =>
        new(ProjectId, Guid.NewGuid(), reportDate, percentComplete, 1200m, 300m, 900m, null, null);

    /// <summary>One valid command of each kind after registration, by name, so theories can list them.</summary>
    public static ProjectCommand Command(string name) => name switch
    {
        nameof(AmendProject) => new AmendProject(Profile with { Name = "Metro Line 3 Phase III" }),
        nameof(PlanMilestone) => new PlanMilestone(Guid.NewGuid(), "Completion acceptance", MilestoneKind.Completion, new DateOnly(2028, 12, 31), false),
        nameof(ChangeForecast) => new ChangeForecast(MilestoneId, Baseline.AddDays(10), "Land clearance late"),
        nameof(CompleteMilestone) => new CompleteMilestone(MilestoneId, Spec.Today),
        nameof(ReportProgress) => new ReportProgress(ReportId, Spec.Today, 10m, 100m, 50m, 80m, null, null),
        nameof(SetAnnualPlan) => new SetAnnualPlan(2026, 50_000m),
        nameof(RecordAssessment) => new RecordAssessment(StatusThresholds.Default),
        nameof(CloseProject) => new CloseProject("Accepted"),
        nameof(CancelProject) => new CancelProject("Funding withdrawn"),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "No sample for this command."),
    };
}
