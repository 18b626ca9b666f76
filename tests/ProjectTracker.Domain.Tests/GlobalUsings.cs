global using static ProjectTracker.Domain.Projects.ProjectCommand;
