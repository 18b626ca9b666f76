namespace ProjectTracker.Domain.Portfolio;

public enum ProjectStatus
{
    Active,
    /// <summary>Finished and accepted; the record is kept but takes no more changes.</summary>
    Closed,
    /// <summary>Stopped for good; the record is kept but takes no more changes.</summary>
    Cancelled,
}
