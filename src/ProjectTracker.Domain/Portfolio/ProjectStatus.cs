namespace ProjectTracker.Domain.Portfolio;

public enum ProjectStatus
{
    Active,
    Closed,
    Cancelled,
}
