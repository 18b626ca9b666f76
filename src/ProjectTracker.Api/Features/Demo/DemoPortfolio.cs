using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ProjectTracker.Api.Features.Districts;
using ProjectTracker.Domain.Portfolio;
using ProjectTracker.Domain.Projects;

namespace ProjectTracker.Api.Features.Demo;

/// <summary>Which milestones a demo project plans (see <see cref="DemoPortfolio"/>).</summary>
internal enum Shape
{
    /// <summary>立项 → 用地 → 规划许可 → 施工许可 → 开工 → 主体完工 → 竣工验收 → 投用.</summary>
    Full,
    /// <summary>Small works: 立项 → 施工许可 → 开工 → 竣工验收 → 投用.</summary>
    Light,
    /// <summary>Full, plus 全线洞通 and 试运行 as custom milestones.</summary>
    Rail,
}

/// <summary>How a demo project departs from "every milestone done on its baseline".</summary>
internal abstract record Twist(MilestoneKind Kind);

/// <summary>Done <paramref name="Days"/> after its baseline.</summary>
internal sealed record Late(MilestoneKind Kind, int Days) : Twist(Kind);

/// <summary>Not done although its baseline has passed (overdue); the milestones after it are open too.</summary>
internal sealed record Stuck(MilestoneKind Kind) : Twist(Kind);

/// <summary>The owner moved the forecast to <paramref name="Days"/> after the baseline, and optionally later again.</summary>
internal sealed record Slip(MilestoneKind Kind, int Days, string Reason, int? ThenDays = null, string? ThenReason = null) : Twist(Kind);

/// <summary>
/// This year's investment runs <paramref name="Points"/> behind pro-rata time (序时进度) on the day the seed runs:
/// 10 to 30 is amber, more than 30 red. Early in a year, with little time elapsed, the lag is at most three
/// quarters of it, so nobody is far behind in January.</summary>
internal sealed record BehindPace(int Points, string Reason);

/// <summary>A responsible unit (责任单位) and its project mailbox.</summary>
internal sealed record Unit(string Name, string Mailbox)
{
    public string Email => $"{Mailbox}@example.gov.cn";
}

/// <summary>
/// One demo project. <paramref name="Start"/> is the approval baseline in days from today (negative: past)
/// and <paramref name="Days"/> the span from approval to in service: every date is relative to the day the
/// seed runs, so the demo looks current whenever it is loaded.</summary>
internal sealed record DemoProject(
    string Name,
    Category Category,
    string District,
    Unit Unit,
    string Lead,
    decimal Investment,
    int Start,
    int Days,
    string Description)
{
    public string? Cluster { get; init; }
    public string? Sector { get; init; }
    public string? Programme { get; init; }
    public Shape Shape { get; init; }
    /// <summary>How many monthly progress reports (2–6).</summary>
    public int Reports { get; init; } = 4;
    /// <summary>Days since the latest report (by default 3–12); more than 14 is stale reporting.</summary>
    public int? LastReport { get; init; }
    /// <summary>Closed after completion (all milestones must be done).</summary>
    public bool Closed { get; init; }
    public bool IsPublic { get; init; } = true;
    public IReadOnlyList<Twist> Twists { get; init; } = [];
    /// <summary>Behind on this year's investment; without it an active project is on pace (a few points ahead).</summary>
    public BehindPace? Pace { get; init; }
}

/// <summary>The commands that write one demo project, in the order they are decided.</summary>
internal sealed record DemoStream(Guid Id, string Code, string Name, IReadOnlyList<ProjectCommand> Commands);

/// <summary>
/// The demo portfolio: Luoyang's key urban projects (洛阳市城建重点项目) as a city leader's speech on planning
/// describes them — rail transit, the ring road and expressway links to the six clusters (六组团), the three
/// sectors of the central city (三大板块), pocket parks, forest parks, "four rivers" governance (四河同治),
/// heritage, public facilities, industrial parks and urban-village renewal. The projects, units and people
/// are illustrative. <see cref="Build"/> turns the table into domain commands relative to a given day.</summary>
internal static class DemoPortfolio
{
    public static IReadOnlyList<District> Districts { get; } =
    [
        new("410302", "老城区", "leader.410302@example.gov.cn"),
        new("410303", "西工区", "leader.410303@example.gov.cn"),
        new("410304", "瀍河回族区", "leader.410304@example.gov.cn"),
        new("410305", "涧西区", "leader.410305@example.gov.cn"),
        new("410307", "偃师区", "leader.410307@example.gov.cn"),
        new("410308", "孟津区", "leader.410308@example.gov.cn"),
        new("410311", "洛龙区", "leader.410311@example.gov.cn"),
        new("410323", "新安县", "leader.410323@example.gov.cn"),
        new("410324", "栾川县", "leader.410324@example.gov.cn"),
        new("410325", "嵩县", "leader.410325@example.gov.cn"),
        new("410326", "汝阳县", "leader.410326@example.gov.cn"),
        new("410327", "宜阳县", "leader.410327@example.gov.cn"),
        new("410328", "洛宁县", "leader.410328@example.gov.cn"),
        new("410329", "伊川县", "leader.410329@example.gov.cn"),
    ];

    private const string LaoCheng = "410302", XiGong = "410303", ChanHe = "410304", JianXi = "410305",
        YanShi = "410307", MengJin = "410308", LuoLong = "410311", XinAn = "410323", YiYang = "410327", YiChuan = "410329";

    // 三大板块 of the central city; 伊滨 projects are filed under 偃师区, whose land most of it was.
    private const string LuoBei = "洛北城区", LuoNan = "洛南城区", YiBin = "伊滨城区";

    private static class Units
    {
        public static readonly Unit Rail = new("洛阳市轨道交通集团有限责任公司", "gdjt");
        public static readonly Unit Transport = new("市交通运输局", "jtj");
        public static readonly Unit Housing = new("市住房和城乡建设局", "zjj");
        public static readonly Unit Water = new("市水利局", "slj");
        public static readonly Unit Relics = new("市文物局", "wwj");
        public static readonly Unit UrbanManagement = new("市城市管理局", "cgj");
        public static readonly Unit Planning = new("市自然资源和规划局", "zrzyj");
        public static readonly Unit Forestry = new("市林业局", "lyj");
        public static readonly Unit Culture = new("市文化广电和旅游局", "wglj");
        public static readonly Unit Science = new("市科学技术局", "kjj");
        public static readonly Unit Commerce = new("市商务局", "swj");
        public static readonly Unit Development = new("市发展和改革委员会", "fgw");
        public static readonly Unit HighTech = new("洛阳高新技术产业开发区管委会", "gxq");
        public static readonly Unit YiBinZone = new("伊滨区管委会", "ybq");
        public static readonly Unit LaoChengGov = new("老城区人民政府", "lcq");
        public static readonly Unit XiGongGov = new("西工区人民政府", "xgq");
        public static readonly Unit ChanHeGov = new("瀍河回族区人民政府", "chq");
        public static readonly Unit JianXiGov = new("涧西区人民政府", "jxq");
        public static readonly Unit YanShiGov = new("偃师区人民政府", "ysq");
        public static readonly Unit MengJinGov = new("孟津区人民政府", "mjq");
        public static readonly Unit LuoLongGov = new("洛龙区人民政府", "llq");
        public static readonly Unit XinAnGov = new("新安县人民政府", "xax");
        public static readonly Unit YiYangGov = new("宜阳县人民政府", "yyx");
        public static readonly Unit YiChuanGov = new("伊川县人民政府", "ycx");
    }

    // 重大专项 under the nine systems (九大体系).
    private static class Programmes
    {
        public const string Rail = "综合交通体系·城市轨道交通专项";
        public const string Links = "综合交通体系·环城路及快速通道连通专项";
        public const string Roads = "综合交通体系·城市路网完善专项";
        public const string Hubs = "综合交通体系·综合交通枢纽专项";
        public const string Green = "生态体系·小游园及森林公园提升专项";
        public const string Rivers = "生态体系·“四河同治”专项";
        public const string Heritage = "文化体系·“一城一轴一带”文物保护展示专项";
        public const string Facilities = "公共服务体系·重大公共服务设施专项";
        public const string Industry = "现代产业体系·产业园区提升专项";
        public const string Renewal = "城市更新体系·城中村和老旧小区改造专项";
        public const string Smart = "城市治理体系·智慧城市专项";
    }

    private const MilestoneKind LandUse = MilestoneKind.LandUse, PlanningPermit = MilestoneKind.PlanningPermit,
        ConstructionPermit = MilestoneKind.ConstructionPermit, Groundbreaking = MilestoneKind.Groundbreaking,
        MainWorks = MilestoneKind.MainWorks, Completion = MilestoneKind.Completion, InService = MilestoneKind.InService;

    /// <summary>
    /// The table. Without twists a project is on plan (green); the twists give the portfolio every state a
    /// real one has: finished on time and late, closed, forecast late (amber, or red beyond 30 days),
    /// overdue (a key milestone overdue is red), stale reporting (LastReport over 14 days), and this year's
    /// investment behind pro-rata time against the annual plan (Pace: 10–30 points amber, beyond red).</summary>
    public static IReadOnlyList<DemoProject> Projects { get; } =
    [
        // ── 城市轨道交通 ──
        new("洛阳市城市轨道交通2号线二期工程", Category.RailTransit, LuoLong, Units.Rail, "王建国（市轨道交通集团总经理）", 1_350_000m, -1100, 2000,
            "线路南延伊滨方向，全长约15.2公里，设站11座，全部为地下线")
        {
            Sector = LuoNan, Programme = Programmes.Rail, Shape = Shape.Rail, Reports = 6,
            Twists = [new Slip(MainWorks, 45, "盾构区间下穿既有建筑物，施工方案需专家论证", 75, "车站附属结构受管线迁改影响，工期顺延")],
        },
        new("洛阳市城市轨道交通3号线一期工程", Category.RailTransit, XiGong, Units.Rail, "王建国（市轨道交通集团总经理）", 2_100_000m, -380, 2200,
            "串联洛北城区与洛南城区，全长约21.5公里，设站18座")
        {
            Sector = LuoBei, Programme = Programmes.Rail, Shape = Shape.Rail, Reports = 5,
            Twists = [new Late(LandUse, 20), new Late(Groundbreaking, 12)],
        },
        new("洛阳至伊滨城市快线（市域铁路）一期", Category.RailTransit, YanShi, Units.Development, "陈志刚（市发展和改革委员会副主任）", 980_000m, -120, 1900,
            "中心城区至伊滨城区市域快线，全长约28公里，设站9座")
        {
            Sector = YiBin, Programme = Programmes.Rail, Shape = Shape.Rail, Reports = 3,
            Twists = [new Stuck(LandUse), new Slip(LandUse, 28, "征地拆迁滞后，沿线3个村组补偿协议未签订")],
        },

        // ── 环城路 ──
        new("洛阳市环城路东段快速化改造", Category.RingRoad, ChanHe, Units.Transport, "李振华（市交通运输局副局长）", 326_000m, -700, 1300,
            "全长9.8公里，主线高架双向六车道，地面辅道双向四车道")
        {
            Sector = LuoBei, Programme = Programmes.Links, Reports = 5,
            Twists = [new Slip(MainWorks, 20, "管线迁改协调中，涉及电力、燃气、通信共12处")],
            Pace = new BehindPace(12, "管线迁改费用结算滞后，部分计量款未支付"),
        },
        new("洛阳市环城路南段（伊洛河段）建设工程", Category.RingRoad, LuoLong, Units.Transport, "李振华（市交通运输局副局长）", 418_000m, -300, 1400,
            "跨伊河、洛河两座特大桥，全长11.6公里")
        {
            Sector = LuoNan, Programme = Programmes.Links, Twists = [new Late(PlanningPermit, 9)],
        },
        new("环城路北段（邙山段）提升工程", Category.RingRoad, MengJin, Units.Transport, "李振华（市交通运输局副局长）", 156_000m, -1200, 1150,
            "邙山段线形优化及隧道扩容，全长6.4公里")
        {
            Cluster = "孟津组团", Programme = Programmes.Links, Reports = 5, Closed = true,
            Twists = [new Late(Completion, 42)],
        },

        // ── 快速路 / 快速通道连通 ──
        new("王城大道快速路北延", Category.Expressway, MengJin, Units.Transport, "赵国强（市交通运输局总工程师）", 285_000m, -790, 1100,
            "王城大道向北跨越邙山延伸至孟津组团，全长12.3公里")
        {
            Cluster = "孟津组团", Programme = Programmes.Links, Reports = 5,
            Twists = [new Stuck(MainWorks), new Slip(MainWorks, 30, "跨线桥钢箱梁吊装受雨季影响")],
        },
        new("洛宜快速通道（宜阳组团连通工程）", Category.Expressway, YiYang, Units.Transport, "赵国强（市交通运输局总工程师）", 168_000m, -1300, 1150,
            "中心城区至宜阳组团快速通道，全长18.5公里")
        {
            Cluster = "宜阳组团", Programme = Programmes.Links, Reports = 3, Closed = true,
        },
        new("洛偃快速通道东延（伊滨段）", Category.Expressway, YanShi, Units.YiBinZone, "孙卫东（伊滨区管委会副主任）", 142_000m, -500, 900,
            "连通伊滨城区与偃师组团，全长8.7公里")
        {
            Sector = YiBin, Programme = Programmes.Links,
            Pace = new BehindPace(18, "征迁补偿资金拨付滞后，部分工程款未按期支付"),
        },
        new("洛新快速通道提升改造（新安组团连通）", Category.Expressway, XinAn, Units.XinAnGov, "周海涛（新安县副县长）", 96_000m, -220, 950,
            "既有道路快速化提升，全长14.2公里")
        {
            Cluster = "新安组团", Programme = Programmes.Links, Reports = 3,
            Twists = [new Late(ConstructionPermit, 30), new Stuck(Groundbreaking), new Slip(Groundbreaking, 60, "用地组卷报批待省自然资源厅批复")],
        },
        new("洛吉快速通道（吉利组团连通工程）", Category.Expressway, MengJin, Units.Transport, "赵国强（市交通运输局总工程师）", 124_000m, -450, 1000,
            "中心城区经孟津至吉利组团快速通道，全长16.1公里")
        {
            Cluster = "吉利组团", Programme = Programmes.Links, LastReport = 18,
        },

        // ── 主干道、次干道 ──
        new("开元大道西延工程", Category.ArterialRoad, JianXi, Units.Housing, "刘建平（市住房和城乡建设局副局长）", 64_000m, -500, 700,
            "城市主干道，红线宽60米，全长4.2公里")
        {
            Sector = LuoBei, Programme = Programmes.Roads, Twists = [new Late(MainWorks, 6)],
        },
        new("中州路（老城段）综合改造提升", Category.ArterialRoad, LaoCheng, Units.LaoChengGov, "马俊峰（老城区副区长）", 38_000m, -800, 790,
            "道路改造及沿街立面整治，全长3.1公里")
        {
            Sector = LuoBei, Programme = Programmes.Roads, Reports = 5,
            Twists = [new Late(MainWorks, 18), new Late(Completion, 25)],
        },
        new("牡丹大道南延（伊滨段）", Category.ArterialRoad, YanShi, Units.YiBinZone, "孙卫东（伊滨区管委会副主任）", 72_000m, -100, 900,
            "城市主干道，红线宽50米，全长5.6公里")
        {
            Sector = YiBin, Programme = Programmes.Roads, Reports = 2,
            Twists = [new Late(LandUse, 12), new Slip(Groundbreaking, 25, "征地拆迁滞后")],
        },
        new("启明南路北延等次干道建设", Category.ArterialRoad, ChanHe, Units.ChanHeGov, "杨帆（瀍河回族区副区长）", 21_000m, -400, 600,
            "启明南路北延及配套支路3条，合计2.8公里")
        {
            Sector = LuoBei, LastReport = 26,
        },

        // ── 断头路打通 ──
        new("伊滨区断头路打通工程（科技大道）", Category.DeadEndRoad, YanShi, Units.YiBinZone, "孙卫东（伊滨区管委会副主任）", 46_000m, -420, 620,
            "打通科技大道与伊滨大道、开拓大道间断头段，全长3.6公里")
        {
            Sector = YiBin, Programme = Programmes.Roads, Reports = 5,
            Twists = [new Slip(MainWorks, 40, "管线迁改协调中", 55, "燃气高压管线迁改需等待停气窗口")],
        },
        new("洛龙区断头路打通工程（第二批，古城路、太康东路等8条）", Category.DeadEndRoad, LuoLong, Units.LuoLongGov, "郑晓东（洛龙区副区长）", 52_000m, -380, 540,
            "打通断头路8条，合计6.9公里")
        {
            Sector = LuoNan, Programme = Programmes.Roads,
        },
        new("西工区断头路打通工程（纱厂北路西延等5条）", Category.DeadEndRoad, XiGong, Units.XiGongGov, "黄志勇（西工区副区长）", 18_600m, -700, 520,
            "打通断头路5条，合计2.4公里")
        {
            Sector = LuoBei, Shape = Shape.Light, Reports = 3, Closed = true,
        },
        new("涧西区断头路打通工程（蓬莱路南延等3条）", Category.DeadEndRoad, JianXi, Units.JianXiGov, "胡国栋（涧西区副区长）", 12_800m, -70, 450,
            "打通断头路3条，合计1.7公里")
        {
            Sector = LuoBei, Shape = Shape.Light, Reports = 2,
            Twists = [new Stuck(ConstructionPermit), new Slip(ConstructionPermit, 25, "施工图审查意见整改"), new Slip(Groundbreaking, 14, "受施工许可办理延后影响")],
        },

        // ── 综合交通枢纽 ──
        new("洛阳综合交通枢纽（龙门站）改造提升", Category.TransportHub, LuoLong, Units.Transport, "李振华（市交通运输局副局长）", 265_000m, -650, 1400,
            "高铁站房扩容及与轨道交通、公交、长途客运的一体化换乘")
        {
            Sector = LuoNan, Programme = Programmes.Hubs, Reports = 5,
            Twists = [new Slip(MainWorks, 15, "站房改造与地铁换乘通道接口协调")],
        },
        new("偃师组团综合客运枢纽", Category.TransportHub, YanShi, Units.YanShiGov, "冯立军（偃师区副区长）", 36_000m, -760, 760,
            "一级客运站及城乡公交首末站")
        {
            Cluster = "偃师组团", Programme = Programmes.Hubs, Reports = 5,
            Twists =
            [
                new Late(MainWorks, 20),
                new Stuck(Completion),
                new Slip(Completion, 120, "消防验收整改"),
                new Slip(InService, 60, "受竣工验收延后影响"),
            ],
        },

        // ── 小游园 ──
        new("西工区小游园建设（第三批，15处）", Category.PocketPark, XiGong, Units.XiGongGov, "黄志勇（西工区副区长）", 8_600m, -200, 300,
            "新建、提升小游园15处，总面积约9.6公顷")
        {
            Sector = LuoBei, Programme = Programmes.Green, Shape = Shape.Light, Reports = 3,
        },
        new("老城区小游园及口袋公园建设（丽景门周边）", Category.PocketPark, LaoCheng, Units.LaoChengGov, "马俊峰（老城区副区长）", 4_200m, -330, 300,
            "丽景门周边小游园及口袋公园8处")
        {
            Sector = LuoBei, Programme = Programmes.Green, Shape = Shape.Light, Reports = 3, Closed = true,
        },
        new("洛龙区小游园建设（第四批，12处）", Category.PocketPark, LuoLong, Units.LuoLongGov, "郑晓东（洛龙区副区长）", 9_800m, -240, 320,
            "新建小游园12处，总面积约11公顷")
        {
            Sector = LuoNan, Programme = Programmes.Green, Shape = Shape.Light,
            Twists = [new Late(Groundbreaking, 20), new Slip(Completion, 18, "苗木进场受季节影响，错峰栽植")],
        },

        // ── 森林公园提升 ──
        new("龙门山森林公园提升工程", Category.ForestPark, LuoLong, Units.Forestry, "何永红（市林业局副局长）", 42_000m, -540, 900,
            "林相改造、登山步道及游憩服务设施提升")
        {
            Sector = LuoNan, Programme = Programmes.Green, LastReport = 35,
            Twists = [new Slip(MainWorks, 20, "林地占用审批手续补办")],
            Pace = new BehindPace(20, "省级林业专项资金尚未拨付"),
        },
        new("周山森林公园提升改造", Category.ForestPark, JianXi, Units.JianXiGov, "胡国栋（涧西区副区长）", 15_000m, -900, 780,
            "入口广场、环山步道及森林防火设施改造")
        {
            Sector = LuoBei, Programme = Programmes.Green, Reports = 3, Closed = true,
        },

        // ── 四河同治 / 水系治理 ──
        new("伊洛河四河同治水系治理（伊河、洛河市区段）", Category.RiverGovernance, LuoLong, Units.Water, "曹明亮（市水利局局长）", 235_000m, -1000, 1600,
            "河道整治、生态护岸及滨水步道，治理河长约32公里")
        {
            Sector = LuoNan, Programme = Programmes.Rivers, Reports = 6,
            Twists = [new Slip(MainWorks, 35, "汛期停工，涉河建设方案调整待批")],
        },
        new("瀍河综合治理工程（四河同治）", Category.RiverGovernance, ChanHe, Units.ChanHeGov, "杨帆（瀍河回族区副区长）", 68_000m, -800, 1000,
            "瀍河城区段清淤、截污及景观提升，治理河长7.5公里")
        {
            Sector = LuoBei, Programme = Programmes.Rivers, Reports = 5,
            Pace = new BehindPace(14, "专项债券资金到位滞后"),
        },
        new("涧河综合治理二期（四河同治）", Category.RiverGovernance, JianXi, Units.Water, "曹明亮（市水利局局长）", 54_000m, -1100, 1000,
            "涧河下游段防洪及生态治理，治理河长6.2公里")
        {
            Sector = LuoBei, Programme = Programmes.Rivers, Reports = 4, Closed = true,
            Twists = [new Late(Completion, 35), new Late(InService, 20)],
        },
        new("伊河（伊川段）水系治理", Category.RiverGovernance, YiChuan, Units.YiChuanGov, "吴立新（伊川县副县长）", 47_000m, -120, 900,
            "伊河伊川段堤防加固及湿地修复")
        {
            Cluster = "伊川组团", Programme = Programmes.Rivers, Reports = 2,
            Twists =
            [
                new Late(LandUse, 10),
                new Slip(ConstructionPermit, 21, "环评批复延迟"),
                new Slip(Groundbreaking, 21, "环评批复延迟，开工顺延"),
            ],
        },

        // ── 文物保护 ──
        new("汉魏洛阳故城文物保护展示（宫城区）", Category.Heritage, YanShi, Units.Relics, "韩雪梅（市文物局副局长）", 86_000m, -700, 1300,
            "宫城区遗址本体保护、展示及考古遗址公园建设")
        {
            Cluster = "偃师组团", Programme = Programmes.Heritage, Reports = 5,
            Twists = [new Slip(MainWorks, 10, "考古发掘发现新遗迹，调整展示方案")],
        },
        new("隋唐洛阳城“一城一轴一带”文物保护展示提升", Category.Heritage, LaoCheng, Units.Relics, "韩雪梅（市文物局副局长）", 125_000m, -950, 1200,
            "中轴线遗址保护展示及洛河文化带节点提升")
        {
            Sector = LuoBei, Programme = Programmes.Heritage, Reports = 6,
        },
        new("二里头遗址保护展示提升", Category.Heritage, YanShi, Units.YanShiGov, "冯立军（偃师区副区长）", 32_000m, -1000, 800,
            "宫殿区遗址展示及游客服务设施")
        {
            Cluster = "偃师组团", Programme = Programmes.Heritage, Reports = 3, Closed = true,
        },

        // ── 图书馆、博物馆、文化馆、科技馆、会展中心 ──
        new("洛阳市图书馆新馆", Category.PublicFacility, LuoLong, Units.Culture, "林晓燕（市文化广电和旅游局副局长）", 128_000m, -900, 1400,
            "总建筑面积约6.8万平方米，藏书能力400万册")
        {
            Sector = LuoNan, Programme = Programmes.Facilities, Reports = 6,
            Twists =
            [
                new Slip(MainWorks, 25, "幕墙深化设计调整"),
                new Slip(Completion, 30, "幕墙深化设计调整", 60, "智能化系统招标流标，重新组织招标"),
            ],
        },
        new("洛阳博物馆二期", Category.PublicFacility, LuoLong, Units.Relics, "韩雪梅（市文物局副局长）", 96_000m, -600, 1200,
            "新建展陈及文物库房，总建筑面积约4.5万平方米")
        {
            Sector = LuoNan, Programme = Programmes.Facilities, Twists = [new Late(ConstructionPermit, 14)],
            Pace = new BehindPace(22, "中央预算内投资尚未下达，展陈设备采购暂缓"),
        },
        new("洛阳科技馆新馆", Category.PublicFacility, YanShi, Units.Science, "董海波（市科学技术局副局长）", 118_000m, -320, 1300,
            "总建筑面积约5.2万平方米，含科普展厅及球幕影院")
        {
            Sector = YiBin, Programme = Programmes.Facilities, Reports = 3,
            Twists = [new Late(ConstructionPermit, 20), new Stuck(Groundbreaking), new Slip(Groundbreaking, 110, "施工图设计审查调整")],
        },
        new("洛阳会展中心（二期）", Category.PublicFacility, LuoLong, Units.Commerce, "彭志远（市商务局副局长）", 210_000m, -150, 1500,
            "新增展览面积约8万平方米及配套会议中心")
        {
            Sector = LuoNan, Programme = Programmes.Facilities, Reports = 2, Twists = [new Late(LandUse, 8)],
            Pace = new BehindPace(40, "社会资本方融资未落实，年度投资计划完成严重滞后"),
        },
        new("洛阳市文化馆新馆", Category.PublicFacility, JianXi, Units.Culture, "林晓燕（市文化广电和旅游局副局长）", 38_000m, -700, 900,
            "总建筑面积约2.6万平方米，含剧场及群众文化活动用房")
        {
            Sector = LuoBei, Programme = Programmes.Facilities, Reports = 5, LastReport = 3,
        },

        // ── 产业园 ──
        new("洛阳大数据产业园（二期）", Category.IndustrialPark, XiGong, Units.XiGongGov, "黄志勇（西工区副区长）", 150_000m, -750, 1100,
            "数据中心及研发办公楼，总建筑面积约22万平方米")
        {
            Sector = LuoBei, Programme = Programmes.Industry, Reports = 5,
            Twists = [new Slip(MainWorks, 25, "入园企业定制化装修需求调整")],
        },
        new("轨道交通装备产业园（依托中车）", Category.IndustrialPark, ChanHe, Units.ChanHeGov, "杨帆（瀍河回族区副区长）", 260_000m, -560, 1500,
            "依托中车洛阳机车打造百亿级轨道交通装备产业集群，一期标准化厂房及配套")
        {
            Sector = LuoBei, Programme = Programmes.Industry, Reports = 5, Twists = [new Late(Groundbreaking, 35)],
        },
        new("洛阳综合保税区（二期）基础设施", Category.IndustrialPark, JianXi, Units.HighTech, "田振宇（洛阳高新区管委会副主任）", 88_000m, -420, 700,
            "卡口、查验场地、监管仓库及围网")
        {
            Sector = LuoBei, Programme = Programmes.Industry, IsPublic = false, LastReport = 40,
        },

        // ── 城中村改造 / 老城改造 ──
        new("老城区城中村改造（东关片区）", Category.UrbanRenewal, LaoCheng, Units.LaoChengGov, "马俊峰（老城区副区长）", 186_000m, -800, 1500,
            "征收房屋约1,860户，建设安置房约2,400套")
        {
            Sector = LuoBei, Programme = Programmes.Renewal, Reports = 5,
            Twists = [new Slip(MainWorks, 45, "征收补偿安置进度滞后，剩余23户未签约")],
            Pace = new BehindPace(34, "安置房建设资金缺口较大，征收补偿款支付滞后"),
        },
        new("西工区城中村改造安置房（史家屯片区）", Category.UrbanRenewal, XiGong, Units.XiGongGov, "黄志勇（西工区副区长）", 142_000m, -1200, 1300,
            "安置房约1,900套及配套学校、社区服务中心")
        {
            Sector = LuoBei, Programme = Programmes.Renewal, Reports = 5, Twists = [new Late(Completion, 15)],
        },
        new("涧西区老旧小区改造（第五批，63个小区）", Category.UrbanRenewal, JianXi, Units.JianXiGov, "胡国栋（涧西区副区长）", 34_000m, -300, 400,
            "63个小区水电气暖管网及加装电梯改造")
        {
            Sector = LuoBei, Programme = Programmes.Renewal, Shape = Shape.Light, Reports = 3,
        },
        new("瀍河区城中村改造（塔湾片区）", Category.UrbanRenewal, ChanHe, Units.ChanHeGov, "杨帆（瀍河回族区副区长）", 98_000m, -200, 1400,
            "征收房屋约960户，建设安置房约1,200套")
        {
            Sector = LuoBei, Programme = Programmes.Renewal, Reports = 3, IsPublic = false,
            Twists = [new Stuck(LandUse), new Slip(LandUse, 140, "征收补偿方案未达成一致，群众工作推进中")],
        },

        // ── 其他 ──
        new("洛阳市城市规划馆建设及布展", Category.Other, LuoLong, Units.Planning, "高俊杰（市自然资源和规划局副局长）", 52_000m, -800, 950,
            "城市规划展示及“开门搞规划”公众参与平台")
        {
            Sector = LuoNan, Programme = Programmes.Facilities, Reports = 5,
            Twists = [new Slip(InService, 20, "布展方案专家评审意见修改")],
        },
        new("洛阳城市运行管理服务平台（“城市大脑”）", Category.Other, LuoLong, Units.UrbanManagement, "罗文斌（市城市管理局副局长）", 28_000m, -260, 500,
            "城市运行一网统管平台及数据中台")
        {
            Programme = Programmes.Smart, Shape = Shape.Light,
        },
    ];

    /// <summary>The commands that write the whole portfolio as of <paramref name="today"/> (a day in Shanghai).</summary>
    public static IReadOnlyList<DemoStream> Build(DateOnly today) => [.. Projects.Select((p, i) => Script(p, i, today))];

    private sealed record Step(MilestoneKind Kind, int PerMille, string Name, bool IsKey = false);

    private sealed record Planned(Guid Id, Step Step, DateOnly Baseline)
    {
        public DateOnly? Actual { get; set; }
        public DateOnly Forecast { get; set; }
    }

    private static DemoStream Script(DemoProject p, int index, DateOnly today)
    {
        var id = DemoId($"project/{index}");
        var plan = StepsOf(p).Select((s, k) => new Planned(DemoId($"project/{index}/milestone/{k}"), s, today.AddDays(p.Start + (p.Days * s.PerMille / 1000)))).ToList();
        plan.ForEach(m => m.Forecast = m.Baseline);

        // Actual dates: milestones are done in order, on their baseline (a day or two early) unless a twist says otherwise.
        DateOnly? previous = null;
        foreach (var (m, k) in plan.Select((m, k) => (m, k)))
        {
            DateOnly? done = TwistOn<Stuck>(p, m) is not null ? null
                : TwistOn<Late>(p, m) is { } late ? m.Baseline.AddDays(late.Days)
                : m.Baseline < today ? m.Baseline.AddDays(-((index + k) % 3))
                : null;
            if (done is not { } day)
            {
                break;
            }

            day = previous is { } prev && day < prev ? prev : day;
            Require(day <= today, p, $"{m.Step.Name} would be done in the future");
            m.Actual = previous = day;
        }

        var commands = new List<ProjectCommand> { new RegisterProject(id, CodeOf(p, index, plan[0].Baseline), ProfileOf(p, plan)) };
        commands.AddRange(plan.Select(m => new PlanMilestone(m.Id, m.Step.Name, m.Step.Kind, m.Baseline, m.Step.IsKey)));

        var forecasts = new List<ProjectCommand>();
        foreach (var m in plan)
        {
            if (TwistOn<Slip>(p, m) is not { } slip)
            {
                continue;
            }

            Require(m.Actual is null, p, $"{m.Step.Name} is done and cannot slip");
            foreach (var (days, reason) in new[] { (slip.Days, slip.Reason), (slip.ThenDays, slip.ThenReason ?? slip.Reason) })
            {
                if (days is { } d)
                {
                    m.Forecast = m.Baseline.AddDays(d);
                    Require(m.Forecast >= today, p, $"the forecast of {m.Step.Name} lies in the past");
                    forecasts.Add(new ChangeForecast(m.Id, m.Forecast, reason));
                }
            }
        }

        // This year's investment plan (not for a closed project, which takes no more changes).
        var outlook = new Outlook(p, index, plan, today);
        var annualPlan = outlook.AnnualPlan(today.Year);
        if (!p.Closed)
        {
            commands.Add(new SetAnnualPlan(today.Year, annualPlan));
        }

        // Done milestones and monthly reports, in date order; a completion goes before a report of the same day.
        var dated = plan.Where(m => m.Actual is not null).Select(m => (Day: m.Actual!.Value, Order: 0, Command: (ProjectCommand)new CompleteMilestone(m.Id, m.Actual!.Value)))
            .Concat(Reports(p, index, plan, outlook, annualPlan, today).Select(r => (Day: r.ReportDate, Order: 1, Command: (ProjectCommand)r)));
        commands.AddRange(dated.OrderBy(x => x.Day).ThenBy(x => x.Order).Select(x => x.Command));
        commands.AddRange(forecasts);

        if (p.Closed)
        {
            Require(plan.All(m => m.Actual is not null), p, "only a finished project can be closed");
            commands.Add(new CloseProject("竣工验收合格，已移交运营管理单位，转入常态化管理"));
        }

        return new DemoStream(id, ((RegisterProject)commands[0]).Code, p.Name, commands);
    }

    private static IReadOnlyList<Step> StepsOf(DemoProject p)
    {
        var renewal = p.Category == Category.UrbanRenewal;
        var approval = new Step(MilestoneKind.Approval, 0, "项目立项（可研批复）");
        var permit = new Step(ConstructionPermit, 150, "施工许可");
        var groundbreaking = new Step(Groundbreaking, 180, renewal ? "安置房开工建设" : "开工建设", IsKey: true);
        var completion = new Step(Completion, 880, "竣工验收", IsKey: true);
        var inService = new Step(InService, 1000, InServiceName(p.Category));
        return p.Shape switch
        {
            Shape.Light =>
            [
                approval, permit with { PerMille = 120 }, groundbreaking, completion with { PerMille = 850 }, inService,
            ],
            Shape.Rail =>
            [
                approval,
                new Step(LandUse, 50, "用地预审与规划选址"),
                new Step(PlanningPermit, 80, "建设工程规划许可"),
                permit with { PerMille = 120 },
                groundbreaking with { PerMille = 150, Name = "全线开工建设" },
                new Step(MilestoneKind.Custom, 500, "全线洞通"),
                new Step(MainWorks, 720, "轨道铺通及车站主体完工"),
                completion with { PerMille = 860 },
                new Step(MilestoneKind.Custom, 920, "空载试运行"),
                inService,
            ],
            _ =>
            [
                approval,
                new Step(LandUse, 60, renewal ? "征收补偿安置方案批复" : "用地预审与规划选址"),
                new Step(PlanningPermit, 100, "建设工程规划许可"),
                permit,
                groundbreaking,
                new Step(MainWorks, 700, "主体工程完工"),
                completion,
                inService,
            ],
        };
    }

    private static string InServiceName(Category category) => category switch
    {
        Category.RailTransit => "开通初期运营",
        Category.RingRoad or Category.Expressway or Category.ArterialRoad or Category.DeadEndRoad => "建成通车",
        Category.TransportHub => "投入运营",
        Category.PocketPark or Category.ForestPark => "建成开放",
        Category.RiverGovernance => "工程完工发挥效益",
        Category.Heritage => "遗址展示对外开放",
        Category.PublicFacility => "开馆运营",
        Category.IndustrialPark => "企业入驻投产",
        Category.UrbanRenewal => "回迁安置交房",
        _ => "投入使用",
    };

    /// <summary>(early, middle, late) works as a progress report words them.</summary>
    private static (string Early, string Middle, string Late) WorksOf(Category category) => category switch
    {
        Category.RailTransit => ("车站围护结构及土方开挖施工", "车站主体结构施工，盾构区间掘进", "轨道铺设及机电设备安装调试"),
        Category.RingRoad or Category.Expressway or Category.ArterialRoad or Category.DeadEndRoad =>
            ("管线迁改及路基施工", "桥梁下部结构及道路基层施工", "沥青面层摊铺及交通安全设施施工"),
        Category.TransportHub => ("基坑支护及桩基施工", "站房主体结构施工", "装饰装修及换乘设施安装"),
        Category.PocketPark => ("场地清理及地形整理", "园路铺装及绿化栽植", "景观小品及照明设施安装"),
        Category.ForestPark => ("林相改造及步道选线", "登山步道及游憩设施建设", "森林防火设施及标识系统完善"),
        Category.RiverGovernance => ("河道清淤及围堰施工", "堤防加固及生态护岸施工", "滨水绿化及亲水步道建设"),
        Category.Heritage => ("考古勘探及遗址本体保护", "遗址展示工程及保护棚建设", "展陈布置及配套设施完善"),
        Category.PublicFacility => ("基础及地下室施工", "主体结构施工", "幕墙、机电安装及室内装修"),
        Category.IndustrialPark => ("场地平整及桩基施工", "厂房及研发楼主体施工", "配套设施完善及企业入驻对接"),
        Category.UrbanRenewal => ("房屋征收及拆除", "安置房主体施工", "安置房装修及配套设施建设"),
        _ => ("基础施工", "主体施工", "系统调试及收尾"),
    };

    /// <summary>
    /// How a project is expected to go: when each milestone is expected (done, forecast, or overdue with no
    /// forecast, a fortnight from now), the percent complete along that schedule and what it has cost.</summary>
    private sealed class Outlook
    {
        private readonly List<(DateOnly Day, decimal Percent)> curve;
        private readonly decimal investment;
        private readonly decimal spend;

        public Outlook(DemoProject p, int index, List<Planned> plan, DateOnly today)
        {
            var expected = new Dictionary<MilestoneKind, DateOnly>();
            var running = DateOnly.MinValue;
            foreach (var m in plan.Where(m => m.Step.Kind != MilestoneKind.Custom))
            {
                var day = m.Actual ?? (m.Forecast >= today ? m.Forecast : today.AddDays(15));
                expected[m.Step.Kind] = running = day > running ? day : running;
            }

            Expected = expected;

            // Percent complete follows the expected schedule: 5% at groundbreaking, 80% at main works, 97% at completion.
            curve = [(expected[MilestoneKind.Approval], 0m), (expected[Groundbreaking], 5m)];
            if (expected.TryGetValue(MainWorks, out var mainWorks))
            {
                curve.Add((mainWorks, 80m));
            }

            curve.Add((expected[Completion], 97m));
            curve.Add((expected[InService], 100m));

            investment = p.Investment;
            spend = 0.92m + (0.01m * (index % 6));
        }

        public IReadOnlyDictionary<MilestoneKind, DateOnly> Expected { get; }

        public decimal PercentOn(DateOnly day)
        {
            if (day <= curve[0].Day)
            {
                return 0m;
            }

            for (var s = 1; s < curve.Count; s++)
            {
                if (day < curve[s].Day)
                {
                    var (from, to) = (curve[s - 1], curve[s]);
                    var share = (decimal)(day.DayNumber - from.Day.DayNumber) / Math.Max(1, to.Day.DayNumber - from.Day.DayNumber);
                    return Math.Round(from.Percent + ((to.Percent - from.Percent) * share), 1, MidpointRounding.AwayFromZero);
                }
            }

            return 100m;
        }

        public decimal InvestedAt(decimal percent) => Math.Round(investment * percent / 100m * spend, 0, MidpointRounding.AwayFromZero);

        /// <summary>Invested by the end of the year before <paramref name="year"/>.</summary>
        public decimal InvestedBefore(int year) => InvestedAt(PercentOn(new DateOnly(year, 1, 1)));

        /// <summary>
        /// 年度计划投资 for <paramref name="year"/>: what the schedule takes that year, but at least 3% of the total
        /// (final accounts and retentions of a finished project), in tens of 万元 and never beyond the total.</summary>
        public decimal AnnualPlan(int year)
        {
            var before = InvestedBefore(year);
            var planned = Math.Max(InvestedBefore(year + 1) - before, investment * 0.03m);
            return Math.Min(Math.Floor(planned / 10m) * 10m, investment - before);
        }
    }

    private static IEnumerable<ReportProgress> Reports(DemoProject p, int index, List<Planned> plan, Outlook outlook, decimal annualPlan, DateOnly today)
    {
        var expected = outlook.Expected;
        var finished = plan.All(m => m.Actual is not null);
        var last = today.AddDays(-(p.LastReport ?? (3 + (index * 7 % 10))));
        if (finished && plan[^1].Actual!.Value.AddDays(3) < last)
        {
            last = plan[^1].Actual!.Value.AddDays(3);
        }

        var first = expected[MilestoneKind.Approval].AddDays(10);
        Require(p.Reports is >= 2 and <= 6, p, "reports are 2 to 6");
        var spacing = Math.Min(30, (last.DayNumber - first.DayNumber) / (p.Reports - 1));
        Require(spacing >= 7, p, "too little time since approval for its reports");

        // This year's investment against the annual plan, judged today: the latest report has invested the share
        // of the plan that puts it Pace.Points behind pro-rata time (序时进度), or on pace a few points ahead; earlier
        // reports this year in proportion. Early in a year the lag is at most three quarters of the time elapsed.
        // A closed project has no plan: its investment follows its schedule.
        var proRata = 100m * today.DayOfYear / (DateTime.IsLeapYear(today.Year) ? 366 : 365);
        var behind = p.Pace is { } pace ? Math.Min(pace.Points, proRata * 0.75m) : -(index % 4);
        var shareByLast = Math.Clamp(proRata - behind, 0m, 100m) / 100m;
        decimal ThisYearOn(DateOnly day) =>
            Math.Round(annualPlan * shareByLast * day.DayOfYear / last.DayOfYear, 0, MidpointRounding.AwayFromZero);

        var troubles = p.Twists.OfType<Slip>().Select(s => (Early: s.Reason, Latest: s.ThenReason ?? s.Reason)).ToList();
        var stuck = plan.FirstOrDefault(m => TwistOn<Stuck>(p, m) is not null);
        var (early, middle, late) = WorksOf(p.Category);
        var previous = -1m;
        var previousInvested = 0m;
        for (var r = 0; r < p.Reports; r++)
        {
            var day = last.AddDays(-spacing * (p.Reports - 1 - r));
            var percent = outlook.PercentOn(day);
            percent = percent > previous ? percent : Math.Min(100m, previous + 0.5m);
            previous = percent;

            var next = plan.FirstOrDefault(m => (m.Actual ?? DateOnly.MaxValue) > day)?.Step;
            var phase = day < expected[Groundbreaking]
                ? next?.Kind == Groundbreaking ? "前期手续已基本办结，正在开展施工准备" : $"前期工作推进中，正在办理{next?.Name}相关手续"
                : day < expected[Completion] ? (percent < 35m ? early : percent < 80m ? middle : late)
                : day < expected[InService] ? $"已通过竣工验收，{plan[^1].Step.Name}准备工作有序推进"
                : $"已完成“{plan[^1].Step.Name}”，正在开展竣工决算审计";
            var investedBeforeThisYear = outlook.InvestedBefore(day.Year);
            var invested = Math.Max(
                previousInvested,
                day.Year == today.Year && !p.Closed ? investedBeforeThisYear + ThisYearOn(day) : outlook.InvestedAt(percent));
            previousInvested = invested;
            var investedThisYear = Math.Max(0m, invested - investedBeforeThisYear);

            var notes = new List<string>();
            if (r >= p.Reports - 2)
            {
                notes.AddRange(troubles.Count > 0 ? troubles.Select(t => r == p.Reports - 1 ? t.Latest : t.Early)
                    : stuck is not null ? [$"{stuck.Step.Name}节点已超过基准日期，正在倒排工期加快推进"]
                    : []);
                if (p.Pace is { } lag && day.Year == today.Year && behind >= 10m)
                {
                    notes.Add($"本年投资完成慢于序时进度，{lag.Reason}");
                }
            }

            yield return new ReportProgress(
                DemoId($"project/{index}/report/{r}"),
                day,
                percent,
                invested,
                investedThisYear,
                Math.Min(p.Investment, Math.Round(invested * 1.1m, 0, MidpointRounding.AwayFromZero)),
                string.Create(CultureInfo.InvariantCulture, $"{phase}，形象进度{percent}%，累计完成投资{invested}万元，其中本年{investedThisYear}万元。"),
                notes.Count == 0 ? null : string.Join("；", notes.Distinct()));
        }
    }

    /// <summary>The twist of this type on a milestone; custom milestones have none.</summary>
    private static T? TwistOn<T>(DemoProject p, Planned m) where T : Twist =>
        m.Step.Kind == MilestoneKind.Custom ? null : p.Twists.OfType<T>().FirstOrDefault(t => t.Kind == m.Step.Kind);

    private static ProjectProfile ProfileOf(DemoProject p, List<Planned> plan)
    {
        var approvalYear = plan[0].Baseline.Year;
        return new ProjectProfile
        {
            Name = p.Name,
            Category = p.Category,
            District = p.District,
            ResponsibleUnit = p.Unit.Name,
            ContactEmail = p.Unit.Email,
            LeadOfficial = p.Lead,
            TotalInvestment = p.Investment,
            PlanPeriod = approvalYear switch
            {
                <= 2020 => PlanPeriod.Thirteenth,
                <= 2025 => PlanPeriod.Fourteenth,
                <= 2030 => PlanPeriod.Fifteenth,
                _ => PlanPeriod.Sixteenth,
            },
            TargetYear = plan.Single(m => m.Step.Kind == Completion).Baseline.Year,
            Cluster = p.Cluster,
            Sector = p.Sector,
            Programme = p.Programme,
            IsPublic = p.IsPublic,
            Description = p.Description,
        };
    }

    /// <summary>
    /// A code shaped like the national platform's (项目代码): the approval year, the district, an industry
    /// code by category, 01 for new construction or 02 for renovation, and a distinct serial with a check digit.</summary>
    private static string CodeOf(DemoProject p, int index, DateOnly approval)
    {
        var industry = p.Category switch
        {
            Category.PocketPark or Category.ForestPark or Category.Other => "78",
            Category.RiverGovernance => "76",
            Category.Heritage or Category.PublicFacility => "88",
            Category.IndustrialPark => "47",
            Category.UrbanRenewal => "70",
            _ => "54",
        };
        var type = p.Name.Contains("改造", StringComparison.Ordinal) || p.Name.Contains("提升", StringComparison.Ordinal) ? "02" : "01";
        // 7919 is coprime to 90000, so the serials of up to 90000 projects are distinct.
        var serial = ((13_579 + (7_919 * index)) % 90_000) + 10_000;
        var check = serial.ToString(CultureInfo.InvariantCulture).Select((c, i) => (c - '0') * (i + 2)).Sum() % 10;
        return string.Create(CultureInfo.InvariantCulture, $"{approval.Year:D4}-{p.District}-{industry}-{type}-{serial:D5}{check}");
    }

    /// <summary>A stable id for a name (SHA-256, RFC 9562 version 8), so every seed gives the same ids.</summary>
    private static Guid DemoId(string name)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes($"projecttracker-demo/{name}"))[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }

    private static void Require(bool condition, DemoProject p, string problem)
    {
        if (!condition)
        {
            throw new InvalidOperationException($"Demo project {p.Name}: {problem}.");
        }
    }
}
