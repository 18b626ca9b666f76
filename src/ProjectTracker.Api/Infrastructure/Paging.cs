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
        return (page ?? 1, pageSize ?? DefaultPageSize);
    }

    public static async Task<Paged<TOut>> ToPageAsync<TIn, TOut>(this IQueryable<TIn> query, int? page, int? pageSize, Func<TIn, TOut> map, CancellationToken ct)
    {
        var (number, size) = Check(page, pageSize);
        var items = await query.ToPagedListAsync(number, size, ct);
        return new Paged<TOut>([.. items.Select(map)], number, size, items.TotalItemCount);
    }

    private static void DomainExceptionFor(bool condition, string field, string message)
    {
        if (!condition)
        {
            throw DomainException.Invalid(field, message);
        }
    }
}
