namespace ProjectTracker.Domain.Portfolio;

/// <summary>Project categories named in the source document; serialised as kebab-case (rail-transit).</summary>
public enum Category
{
    RailTransit,
    RingRoad,
    Expressway,
    ArterialRoad,
    DeadEndRoad,
    TransportHub,
    PocketPark,
    ForestPark,
    RiverGovernance,
    Heritage,
    PublicFacility,
    IndustrialPark,
    UrbanRenewal,
    Other,
}
