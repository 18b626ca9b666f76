using Marten;
using Marten.Pagination;
using ProjectTracker.Domain;

namespace ProjectTracker.Api.Infrastructure;

/// <summary>A page of a list, as every list endpoint answers.</summary>
public sealed record Paged<T>(IReadOnlyList<T> Items, int Page, int PageSize, long Total);

public static class Paging
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;

    public static (int Page, int PageSize) Check(int? page, int? pageSize)
    {
        DomainExceptionFor(page is null or >= 1, "page", "Pages count from 1.");
        DomainExceptionFor(pageSize is null or (>= 1 and <= MaxPageSize), "pageSize", $"A page holds 1 to {MaxPageSize} items.");
        // The row offset is an int in the query (PostgreSQL refuses the negative one an overflow would make).
        DomainExceptionFor((page ?? 1) - 1L <= int.MaxValue / (pageSize ?? DefaultPageSize), "page", "The page lies beyond any list.");
        return (page ?? 1, pageSize ?? DefaultPageSize);
    }

    public static async Task<Paged<TOut>> ToPageAsync<TIn, TOut>(this IQueryable<TIn> query, int? page, int? pageSize, Func<TIn, TOut> map, CancellationToken ct)
        where TIn : notnull
    {
        var (number, size) = Check(page, pageSize);
        // Marten's total rides on the page's rows (count(*) over ()), so past the last page it would be 0.
        // Count first (paging marks the query for statistics, which a count afterwards refuses).
        long? total = number > 1 ? await query.CountAsync(ct) : null;
        var items = await query.ToPagedListAsync(number, size, ct);
        return new Paged<TOut>([.. items.Select(map)], number, size, total ?? items.TotalItemCount);
    }

    private static void DomainExceptionFor(bool condition, string field, string message)
    {
        if (!condition)
        {
            throw DomainException.Invalid(field, message);
        }
    }
}
