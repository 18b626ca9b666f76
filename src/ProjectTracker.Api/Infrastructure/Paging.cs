using Marten;

namespace ProjectTracker.Api.Infrastructure;

/// <summary>A page of a list, as every list endpoint answers.</summary>
public sealed record Paged<T>(IReadOnlyList<T> Items, int Page, int PageSize, long Total);

public static class Paging
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;

    public static (int Page, int PageSize) Of(int? page, int? pageSize) => (page ?? 1, pageSize ?? DefaultPageSize);

    public static Task<Paged<TOut>> ToPageAsync<TIn, TOut>(this IQueryable<TIn> query, IPageQuery page, Func<TIn, TOut> map, CancellationToken ct)
        where TIn : notnull =>
        query.ToPageAsync(page, (items, _) => Task.FromResult<IReadOnlyList<TOut>>([.. items.Select(map)]), ct);

    /// <param name="mapPage">Maps the page's items at once, for an answer that judges them together.</param>
    public static async Task<Paged<TOut>> ToPageAsync<TIn, TOut>(
        this IQueryable<TIn> query, IPageQuery page, Func<IReadOnlyList<TIn>, CancellationToken, Task<IReadOnlyList<TOut>>> mapPage, CancellationToken ct)
        where TIn : notnull
    {
        var (number, size) = Of(page.Page, page.PageSize);
        // Counted on its own: a total riding on the page (count(*) over ()) led PostgreSQL to walk a whole ordered index
        // for LIMIT 50, reading every document (docs/performance.md, the project list).
        var total = await query.CountAsync(ct);
        var items = await query.Skip((number - 1) * size).Take(size).ToListAsync(ct);
        return new Paged<TOut>(await mapPage(items, ct), number, size, total);
    }
}
