namespace ProjectTracker.Api.Features.Progress;

public static class ProgressEndpoints
{
    public static void MapProgress(this IEndpointRouteBuilder projects)
    {
        var reports = projects.MapGroup("/{id:guid}/progress-reports").WithTags("Milestones and progress");
        ReportProgress.Map(reports);
        ListProgressReports.Map(reports);
    }
}
