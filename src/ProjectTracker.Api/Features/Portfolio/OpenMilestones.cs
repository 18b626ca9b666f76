using FluentValidation;
using Marten;
using Microsoft.Extensions.Options;
using ProjectTracker.Api.Features.Projects;
using ProjectTracker.Api.Infrastructure;
using ProjectTracker.Domain.Portfolio;
using ProjectTracker.Domain.Projects;
using ProjectTracker.Domain.Schedule;

namespace ProjectTracker.Api.Features.Portfolio;

/// <summary>An open milestone of an active project, judged on a day by the same rules as the project's own GET.</summary>
public sealed record OpenMilestone(Project Project, Milestone Milestone, MilestoneAssessment Assessment);

/// <summary>What every item of the milestone lists (due, overdue, slips) starts with: the project and the judged milestone.</summary>
public abstract record OpenMilestoneItem
{
    protected OpenMilestoneItem(OpenMilestone open)
    {
        ProjectId = open.Project.Id;
        ProjectCode = open.Project.Code;
        ProjectName = open.Project.Profile.Name;
        District = open.Project.Profile.District;
        ResponsibleUnit = open.Project.Profile.ResponsibleUnit;
        Milestone = MilestoneResponse.From(open.Milestone, open.Assessment);
    }

    public Guid ProjectId { get; init; }
    public string ProjectCode { get; init; }
    public string ProjectName { get; init; }
    public string District { get; init; }
    public string ResponsibleUnit { get; init; }
    public MilestoneResponse Milestone { get; init; }
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

    public static async Task<IReadOnlyList<OpenMilestone>> Load(
        IQuerySession session, IMilestoneFilter filter, DateOnly today, StatusThresholds thresholds, CancellationToken ct)
    {
        // Closed and cancelled projects take no more changes: their open milestones are neither due nor late.
        var query = session.Query<Project>().Where(p => p.Status == ProjectStatus.Active);
        if (!string.IsNullOrWhiteSpace(filter.District))
        {
            var code = filter.District.Trim();
            query = query.Where(p => p.Profile.District == code);
        }

        if (WireEnum.From<Category>(filter.Category) is { } c)
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

/// <summary>The services the milestone lists read with, bound with <c>[AsParameters]</c>.</summary>
public sealed record OpenMilestoneReader(IQuerySession Session, TimeProvider Clock, IOptions<StatusThresholds> Thresholds)
{
    /// <summary>Today in Asia/Shanghai and the open milestones the filter selects, judged today.</summary>
    public async Task<(DateOnly Today, IReadOnlyList<OpenMilestone> Open)> Read(IMilestoneFilter filter, CancellationToken ct)
    {
        var today = ShanghaiCalendar.Today(Clock);
        return (today, await OpenMilestones.Load(Session, filter, today, Thresholds.Value, ct));
    }
}
