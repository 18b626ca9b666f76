namespace ProjectTracker.Api.Features.Projects;

public static class ProjectEndpoints
{
    public static RouteGroupBuilder MapProjects(this IEndpointRouteBuilder api)
    {
        var projects = api.MapGroup("/projects").WithTags("Projects");
        RegisterProject.Map(projects);
        GetProject.Map(projects);
        ListProjects.Map(projects);
        AmendProject.Map(projects);
        GetProjectHistory.Map(projects);
        CloseProject.Map(projects);
        SetAnnualPlan.Map(projects);
        return projects;
    }
}
