namespace ProjectTracker.Domain.Portfolio;

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

public static class CategoryNames
{
    public static string ChineseName(this Category category) => category switch
    {
        Category.RailTransit => "城市轨道交通",
        Category.RingRoad => "环城路",
        Category.Expressway => "快速路",
        Category.ArterialRoad => "主干道、次干道",
        Category.DeadEndRoad => "断头路打通",
        Category.TransportHub => "综合交通枢纽",
        Category.PocketPark => "小游园",
        Category.ForestPark => "森林公园提升",
        Category.RiverGovernance => "水系治理",
        Category.Heritage => "文物保护",
        Category.PublicFacility => "公共文化设施",
        Category.IndustrialPark => "产业园",
        Category.UrbanRenewal => "城中村及老城改造",
        _ => "其他",
    };
}
