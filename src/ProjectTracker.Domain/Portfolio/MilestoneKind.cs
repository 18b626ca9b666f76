namespace ProjectTracker.Domain.Portfolio;

public enum MilestoneKind
{
    Approval,
    LandUse,
    PlanningPermit,
    ConstructionPermit,
    Groundbreaking,
    MainWorks,
    Completion,
    InService,
    Custom,
}
