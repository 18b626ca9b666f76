using FluentValidation;
using Marten;
using ProjectTracker.Api.Features.Projects;
using ProjectTracker.Api.Infrastructure;
using ProjectTracker.Domain.Portfolio;
using ProjectTracker.Domain.Projects;
using ProjectTracker.Domain.Schedule;

namespace ProjectTracker.Api.Features.Portfolio;

/// <summary>An open milestone of an active project, judged on a day by the same rules as the project's own GET.</summary>
public sealed record OpenMilestone(Project Project, Milestone Milestone, MilestoneAssessment Assessment)
{
    public MilestoneResponse Show() => MilestoneResponse.From(Milestone, Assessment);
}

/// <summary>The filter and page the milestone lists (due, overdue, slips) share.</summary>
public interface IMilestoneFilter : IPageQuery
{
    string? District { get; }

    string? Category { get; }
}

/// <summary>The schedule views' one read: the stored project documents, filtered in SQL, judged in memory.</summary>
public static class OpenMilestones
{
    /// <summary>The rules of <see cref="IMilestoneFilter"/>: a known category, a page within bounds.</summary>
    public static void Filtered<TQuery>(this AbstractValidator<TQuery> validator)
        where TQuery : IMilestoneFilter
    {
        validator.RuleFor(q => q.Category).WireNameOf<TQuery, Category>();
        validator.Paged();
    }

    public static Task<IReadOnlyList<OpenMilestone>> Load(
        IQuerySession session, IMilestoneFilter filter, DateOnly today, StatusThresholds thresholds, CancellationToken ct) =>
        Load(session, filter.District, WireEnum.From<Category>(filter.Category), today, thresholds, ct);

    public static async Task<IReadOnlyList<OpenMilestone>> Load(
        IQuerySession session, string? district, Category? category, DateOnly today, StatusThresholds thresholds, CancellationToken ct)
    {
        // Closed and cancelled projects take no more changes: their open milestones are neither due nor late.
        var query = session.Query<Project>().Where(p => p.Status == ProjectStatus.Active);
        if (!string.IsNullOrWhiteSpace(district))
        {
            var code = district.Trim();
            query = query.Where(p => p.Profile.District == code);
        }

        if (category is { } c)
        {
            query = query.Where(p => p.Profile.Category == c);
        }

        var projects = await query.ToListAsync(ct);
        return
        [
            .. projects.SelectMany(p => p.Milestones
                .Zip(StatusRules.Assess(p, today, thresholds).Milestones)
                .Where(m => !m.First.IsDone)
                .Select(m => new OpenMilestone(p, m.First, m.Second))),
        ];
    }

    /// <summary>A page of an already ordered in-memory list, checked and shaped like every other list.</summary>
    public static Paged<T> ToPage<T>(this IReadOnlyList<T> ordered, IPageQuery page)
    {
        var (number, size) = Paging.Of(page.Page, page.PageSize);
        return new Paged<T>([.. ordered.Skip((number - 1) * size).Take(size)], number, size, ordered.Count);
    }
}
