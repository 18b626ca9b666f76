using System.Text.Json.Serialization;
using FluentValidation;
using Marten;
using ProjectTracker.Api.Features.Projects;
using ProjectTracker.Api.Features.Structure;
using ProjectTracker.Api.Infrastructure;
using ProjectTracker.Domain.Portfolio;
using ProjectTracker.Domain.Projects;
using ProjectTracker.Domain.Schedule;

namespace ProjectTracker.Api.Features.Portfolio;

public sealed record OpenMilestone(Project Project, Milestone Milestone, MilestoneAssessment Assessment, MilestoneSchedule Schedule);

public abstract record OpenMilestoneItem
{
    protected OpenMilestoneItem(OpenMilestone open)
        : this(open.Project.Id, open.Project.Code, open.Project.Profile, MilestoneResponse.From(open.Milestone, open.Assessment, open.Schedule))
    {
    }

    protected OpenMilestoneItem(Guid projectId, string projectCode, ProjectProfile profile, MilestoneResponse milestone)
    {
        ProjectId = projectId;
        ProjectCode = projectCode;
        ProjectName = profile.Name;
        District = profile.District;
        ResponsibleUnit = profile.ResponsibleUnit;
        Milestone = milestone;
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

public interface IMilestoneFilter : IPageQuery, IStructureFilter
{
    string? District { get; }

    string? Category { get; }
}

public static class OpenMilestones
{
    public static void Filtered<TQuery>(this AbstractValidator<TQuery> validator, IQuerySession session, StructureCatalogs catalogs)
        where TQuery : IMilestoneFilter
    {
        validator.RuleFor(q => q.Category).WireNameOf<TQuery, Category>();
        validator.StructureFiltered(session, catalogs);
        validator.Paged();
    }

    public static async Task<IReadOnlyList<OpenMilestone>> Load(
        IQuerySession session, IMilestoneFilter filter, DateOnly today, ProjectView view, StructureCatalogs catalogs, CancellationToken ct)
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

        if (!filter.IsEmpty())
        {
            query = query.Where(filter, await catalogs.Current(session, ct));
        }

        var projects = await query.ToListAsync(ct);
        var assessed = await view.Assess(session, projects, today, ct);
        return
        [
            .. projects.SelectMany(p => p.Milestones
                .Zip(assessed[p.Id].Milestones)
                .Where(m => !m.First.IsDone)
                .Select(m => new OpenMilestone(p, m.First, m.Second, assessed[p.Id].Schedule[m.First.Id]))),
        ];
    }

    public static Paged<T> ToPage<T>(this IReadOnlyList<T> ordered, IPageQuery page)
    {
        var (number, size) = Paging.Of(page.Page, page.PageSize);
        return new Paged<T>([.. ordered.Skip((number - 1) * size).Take(size)], number, size, ordered.Count);
    }
}

public sealed record OpenMilestoneReader(IQuerySession Session, ProjectView View, StructureCatalogs Catalogs)
{
    public async Task<(DateOnly Today, IReadOnlyList<OpenMilestone> Open)> Read(IMilestoneFilter filter, CancellationToken ct)
    {
        var today = View.Today;
        return (today, await OpenMilestones.Load(Session, filter, today, View, Catalogs, ct));
    }
}
