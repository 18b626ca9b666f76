using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using ProjectTracker.Api.Features.Districts;
using ProjectTracker.Api.Features.Projects;
using ProjectTracker.Api.Features.Structure;
using ProjectTracker.Domain.Portfolio;
using ProjectTracker.Domain.Projects;
using ProjectTracker.Domain.Schedule;
using ProjectTracker.Domain.Structure;

namespace ProjectTracker.Api.Features.Portfolio;

public static class GetCompletions
{
    public sealed record Query(int? Year)
    {
        public sealed class Validator : AbstractValidator<Query>
        {
            public Validator()
            {
                RuleFor(q => q.Year)
                    .Must(year => year is null || PlanDates.IsPlannableYear(year.Value))
                    .WithMessage($"A year between {PlanDates.FirstYear} and {PlanDates.LastYear}.");
            }
        }
    }

    public sealed record Counts(int Late, int AtRisk, int OnTrack, int Done, int Total)
    {
        public static Counts Of(IReadOnlyCollection<Outlook> outlooks) => new(
            outlooks.Count(o => o == Outlook.Late),
            outlooks.Count(o => o == Outlook.AtRisk),
            outlooks.Count(o => o == Outlook.OnTrack),
            outlooks.Count(o => o == Outlook.Done),
            outlooks.Count);
    }

    /// <param name="District">The district code; <paramref name="DistrictName"/> its name.</param>
    /// <param name="Unit">The responsible unit's code in the units list; null when the project names none that is there.</param>
    /// <param name="UnitName">The unit's name, or the project's `responsibleUnit` as written.</param>
    /// <param name="Milestone">The milestone that finishes the project: its last `completion` or `in-service` milestone by baseline; null when it has none.</param>
    /// <param name="ExpectedDate">That milestone's actual date once done, else its `expectedDate` over the dependency network; null without one.</param>
    /// <param name="CompletedOn">Its actual date; null while open (and for a project closed without it).</param>
    /// <param name="Outlook">`done` (finished within the year, or the project closed), `late` (finished or expected after 31 December), `at-risk` (expected within the year but slipping, with negative float, or the project amber or red; or no finishing milestone) or `on-track`.</param>
    /// <param name="Rag">The project's light on the day.</param>
    /// <param name="Reason">Why the outlook is what it is, in Chinese.</param>
    public sealed record Item(
        Guid ProjectId,
        string Code,
        string Name,
        string District,
        string DistrictName,
        string? Unit,
        string UnitName,
        int TargetYear,
        string? Milestone,
        DateOnly? ExpectedDate,
        DateOnly? CompletedOn,
        Outlook Outlook,
        Rag Rag,
        string Reason);

    /// <param name="AssessedOn">The day the outlook is judged on: today (Asia/Shanghai), or the week's last day in the weekly report.</param>
    /// <param name="Items">Late first, then at risk, on track and done; each by expected date, then code.</param>
    public sealed record Response(int Year, DateOnly AssessedOn, Counts Counts, IReadOnlyList<Item> Items);

    public static void Map(IEndpointRouteBuilder portfolio) =>
        portfolio.MapGet("/completions", Handle)
            .WithName("GetCompletions")
            .WithSummary("年度建成项目: the projects committed to finish in a year, with their expected completion and outlook")
            .WithDescription("""
                Every active or closed project whose `targetYear` is `year` (default: this year in Asia/Shanghai; 1990–2100),
                with the milestone that finishes it (its last `completion` or `in-service` milestone by baseline, the target
                completion `GET /api/v1/projects/{id}/schedule` plans back from), its `expectedDate` (the actual date once
                done, else the expected date over the dependency network) and an `outlook`, judged today by the rules of
                `GET /api/v1/projects/{id}`:
                - `done`: the finishing milestone was done by 31 December of the year, or the project is closed;
                - `late`: it was done, or is expected, after 31 December (a project with no finishing milestone, once the
                  year is over);
                - `at-risk`: expected within the year, but later than its baseline, or with negative float, or the project
                  is amber or red; also a project with no finishing milestone during the year;
                - `on-track`: otherwise.
                `reason` says why in Chinese. `counts` counts the items by outlook. Items: late, at risk, on track, done;
                each by expected date, then code.
                """)
            .ProducesValidationProblem();

    public static async Task<Ok<Response>> Handle(
        IQuerySession session, TimeProvider clock, ProjectView view, StructureCatalogs catalogs, [AsParameters] Query query, CancellationToken ct)
    {
        var today = ShanghaiCalendar.Today(clock);
        var year = query.Year ?? today.Year;
        var projects = await session.Query<Project>()
            .Where(p => p.Status != ProjectStatus.Cancelled && p.Profile.TargetYear == year)
            .ToListAsync(ct);
        var assessed = await view.Assess(session, projects, today, ct);
        var districtNames = (await session.Query<District>().ToListAsync(ct)).ToDictionary(d => d.Id, d => d.Name, StringComparer.Ordinal);
        return TypedResults.Ok(Of(year, projects, assessed, today, districtNames, await catalogs.Current(session, ct)));
    }

    /// <summary>What this endpoint answers, from the projects and their assessments.</summary>
    /// <param name="assessed">Each project's assessment on the day (those not committed to the year may be left out).</param>
    public static Response Of(
        int year,
        IEnumerable<Project> projects,
        IReadOnlyDictionary<Guid, ProjectAssessment> assessed,
        DateOnly day,
        IReadOnlyDictionary<string, string> districtNames,
        StructureCatalog catalog)
    {
        var committed = projects.Where(p => p.Profile.TargetYear == year).Select(p => (p, assessed[p.Id]));
        return Of(year, CompletionOutlook.For(year, committed, day).Select(c => ItemOf(c, year, districtNames, catalog)), day);
    }

    /// <summary>The year's items, however many at a time they were judged (the weekly report's way): late first, as <see cref="CompletionOutlook.LateFirst"/> orders them.</summary>
    public static Response Of(int year, IEnumerable<Item> items, DateOnly day)
    {
        List<Item> ordered = [.. items.LateFirst(i => (i.Outlook, i.ExpectedDate, i.Code))];
        return new Response(year, day, Counts.Of([.. ordered.Select(i => i.Outlook)]), ordered);
    }

    public static Item ItemOf(CompletionCommitment c, int year, IReadOnlyDictionary<string, string> districtNames, StructureCatalog catalog)
    {
        var profile = c.Project.Profile;
        var unit = catalog.Place(profile).Unit;
        return new Item(
            c.Project.Id,
            c.Project.Code,
            profile.Name,
            profile.District,
            districtNames.GetValueOrDefault(profile.District, profile.District),
            unit,
            catalog.NameOf(StructureList.Unit, unit) ?? profile.ResponsibleUnit,
            year,
            c.Finish?.Name,
            c.ExpectedDate,
            c.CompletedOn,
            c.Outlook,
            c.Rag,
            c.Reason);
    }
}
