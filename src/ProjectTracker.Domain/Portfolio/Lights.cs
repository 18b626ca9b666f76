namespace ProjectTracker.Domain.Portfolio;

/// <summary>Which light is worse: red, then amber, then green. Lists, reports and the project's own light all rank by this.</summary>
public static class Lights
{
    public static bool IsWorseThan(this Rag light, Rag other) => Rank(light) > Rank(other);

    public static Rag Worst(this IEnumerable<Rag> lights) => lights.DefaultIfEmpty(Rag.Green).MaxBy(Rank);

    public static IOrderedEnumerable<T> WorstFirst<T>(this IEnumerable<T> items, Func<T, Rag> light) => items.OrderByDescending(i => Rank(light(i)));

    public static IOrderedEnumerable<T> WorstLast<T>(this IEnumerable<T> items, Func<T, Rag> light) => items.OrderBy(i => Rank(light(i)));

    public static IOrderedEnumerable<T> ThenWorstFirst<T>(this IOrderedEnumerable<T> items, Func<T, Rag> light) => items.ThenByDescending(i => Rank(light(i)));

    public static string ChineseName(this Rag light) => light switch
    {
        Rag.Red => "红灯",
        Rag.Amber => "黄灯",
        _ => "绿灯",
    };

    private static int Rank(Rag light) => light switch
    {
        Rag.Red => 2,
        Rag.Amber => 1,
        _ => 0,
    };
}
