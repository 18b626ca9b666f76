using Microsoft.Extensions.Options;
using ProjectTracker.Domain.Projects;
using ProjectTracker.Domain.Schedule;

namespace ProjectTracker.Api.Features.Projects;

public sealed class ProjectView(TimeProvider clock, IOptions<StatusThresholds> thresholds)
{
    public DateOnly Today => ShanghaiCalendar.Today(clock);

    public ProjectResponse Show(Project project, DateOnly? assessedOn = null) =>
        ProjectResponse.From(project, assessedOn ?? Today, thresholds.Value);

    public MilestoneResponse Show(Project project, Guid milestoneId) =>
        Show(project).Milestones.Single(m => m.Id == milestoneId);
}
