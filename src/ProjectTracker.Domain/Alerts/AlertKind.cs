namespace ProjectTracker.Domain.Alerts;

public enum AlertKind
{
    Deadline,
    Overdue,
    Slip,
    WeeklyReport,
    Escalation,
    PlanChange,
    KnockOn,
    Issue,
    Feedback,
}
