using ProjectTracker.Domain.Portfolio;
using ProjectTracker.Domain.Projects;

namespace ProjectTracker.Domain.Tests.Projects;

public sealed class SlipRecordTests
{
    private static readonly DateOnly Day0 = Spec.Today;

    private static MilestoneSlipFlagged Flagged(Rag severity, Rag previous, DateOnly on) =>
        new(Sample.ProjectId, Sample.MilestoneId, severity, previous, 10, false, [], on);

    private static ProjectRagChanged RagChanged(Rag rag, Rag previous, DateOnly on) => new(Sample.ProjectId, rag, previous, [], on);

    private static Project Given(params object[] events) =>
        Spec.Given([Sample.Registered, Sample.MilestonePlanned, .. events]).State!;

    private static (Rag Severity, Rag Before, DateOnly? On) SlipOf(Project project) =>
        project.FindMilestone(Sample.MilestoneId) is { } m ? (m.FlaggedSeverity, m.SeverityBeforeFlag, m.FlaggedOn) : default;

    [Fact]
    public void A_slip_flag_records_the_severity_it_raised_from_and_the_day()
    {
        var project = Given(Flagged(Rag.Amber, Rag.Green, Day0), Flagged(Rag.Red, Rag.Amber, Day0.AddDays(7)));

        Assert.Equal((Rag.Red, Rag.Amber, (DateOnly?)Day0.AddDays(7)), SlipOf(project));
    }

    [Fact]
    public void A_cleared_slip_records_green_the_severity_it_had_and_the_day()
    {
        var project = Given(Flagged(Rag.Red, Rag.Green, Day0), new MilestoneSlipCleared(Sample.ProjectId, Sample.MilestoneId, Rag.Red, Day0.AddDays(14)));

        Assert.Equal((Rag.Green, Rag.Red, (DateOnly?)Day0.AddDays(14)), SlipOf(project));
    }

    [Fact]
    public void The_project_light_remembers_the_day_of_its_last_change_and_the_day_it_left_green()
    {
        var amber = Given(RagChanged(Rag.Amber, Rag.Green, Day0));
        var red = Given(RagChanged(Rag.Amber, Rag.Green, Day0), RagChanged(Rag.Red, Rag.Amber, Day0.AddDays(7)));
        var amberAgain = Given(RagChanged(Rag.Amber, Rag.Green, Day0), RagChanged(Rag.Red, Rag.Amber, Day0.AddDays(7)), RagChanged(Rag.Amber, Rag.Red, Day0.AddDays(14)));

        Assert.Equal(((DateOnly?)Day0, (DateOnly?)Day0), (amber.FlaggedRagSince, amber.AtRiskSince));
        Assert.Equal(((DateOnly?)Day0.AddDays(7), (DateOnly?)Day0), (red.FlaggedRagSince, red.AtRiskSince));
        Assert.Equal(((DateOnly?)Day0.AddDays(14), (DateOnly?)Day0), (amberAgain.FlaggedRagSince, amberAgain.AtRiskSince));
    }

    [Fact]
    public void Back_to_green_the_project_is_no_longer_at_risk_and_a_new_slip_starts_a_new_spell()
    {
        var green = Given(RagChanged(Rag.Red, Rag.Green, Day0), RagChanged(Rag.Green, Rag.Red, Day0.AddDays(7)));
        var relapsed = Given(RagChanged(Rag.Red, Rag.Green, Day0), RagChanged(Rag.Green, Rag.Red, Day0.AddDays(7)), RagChanged(Rag.Amber, Rag.Green, Day0.AddDays(14)));

        Assert.Equal((Rag.Green, (DateOnly?)Day0.AddDays(7), (DateOnly?)null), (green.FlaggedRag, green.FlaggedRagSince, green.AtRiskSince));
        Assert.Equal((DateOnly?)Day0.AddDays(14), relapsed.AtRiskSince);
    }
}
