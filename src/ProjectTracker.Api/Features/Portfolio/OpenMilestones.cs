using System.Text.Json.Serialization;
using FluentValidation;
using Marten;
using Microsoft.Extensions.Options;
using ProjectTracker.Api.Features.Projects;
using ProjectTracker.Api.Infrastructure;
using ProjectTracker.Domain.Portfolio;
using ProjectTracker.Domain.Projects;
using ProjectTracker.Domain.Schedule;

namespace ProjectTracker.Api.Features.Portfolio;

public sealed record OpenMilestone(Project Project, Milestone Milestone, MilestoneAssessment Assessment);

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

    // The head goes first on the wire; System.Text.Json would write a derived record's own properties first.
    [JsonPropertyOrder(-1)]
    public Guid ProjectId { get; init; }
    [JsonPropertyOrder(-1)]
    public string ProjectCode { get; init; }
    [JsonPropertyOrder(-1)]
    public string ProjectName { get; init; }
    [JsonPropertyOrder(-1)]
    public string District { get; init; }
    [JsonPropertyOrder(-1)]
    public string ResponsibleUnit { get; init; }
    [JsonPropertyOrder(-1)]
    public MilestoneResponse Milestone { get; init; }
}

public interface IMilestoneFilter : IPageQuery
{
    string? District { get; }

    string? Category { get; }
}

public static class OpenMilestones
{
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

    public static Paged<T> ToPage<T>(this IReadOnlyList<T> ordered, IPageQuery page)
    {
        var (number, size) = Paging.Of(page.Page, page.PageSize);
        return new Paged<T>([.. ordered.Skip((number - 1) * size).Take(size)], number, size, ordered.Count);
    }
}

public sealed record OpenMilestoneReader(IQuerySession Session, TimeProvider Clock, IOptions<StatusThresholds> Thresholds)
{
    public async Task<(DateOnly Today, IReadOnlyList<OpenMilestone> Open)> Read(IMilestoneFilter filter, CancellationToken ct)
    {
        var today = ShanghaiCalendar.Today(Clock);
        return (today, await OpenMilestones.Load(Session, filter, today, Thresholds.Value, ct));
    }
}
