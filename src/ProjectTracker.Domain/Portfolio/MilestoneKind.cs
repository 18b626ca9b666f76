namespace ProjectTracker.Domain.Portfolio;

/// <summary>Typical milestones of a construction project, in their usual order, plus custom ones.</summary>
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
