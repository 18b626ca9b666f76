namespace ProjectTracker.Domain.Alerts;

/// <summary>What a subscriber wants to hear about.</summary>
public enum AlertKind
{
    /// <summary>Before a baseline date (14, 7 and 1 days ahead).</summary>
    Deadline,
    /// <summary>When a baseline date has passed without the milestone done.</summary>
    Overdue,
    /// <summary>When a milestone's slip becomes more severe.</summary>
    Slip,
    /// <summary>The Monday weekly progress report.</summary>
    WeeklyReport,
    /// <summary>A project climbed the escalation ladder: its district leader, then the city leader, is told.</summary>
    Escalation,
}
