using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using ProjectTracker.Api.Features.Projects;
using ProjectTracker.Api.Infrastructure;
using ProjectTracker.Domain.Portfolio;

namespace ProjectTracker.Api.Features.Public;

public static class ListPublicProjects
{
    public static void Map(IEndpointRouteBuilder publicData) =>
        publicData.MapGet("/projects", Handle)
            .WithName("ListPublicProjects")
            .WithSummary("List the public projects, public fields only (no key needed)")
            .WithDescription("""
                The projects marked `isPublic` that are not cancelled, ordered by project code, paged like every list.
                Filters `district` (division code), `category` and `q` (part of the name or of the project code, any case;
                at most 100 characters) combine with AND. Each shows what is planned and how it
                is going (light judged today in Asia/Shanghai, latest percent complete, milestone dates) and its approved plan
                changes, never contact details, people's names or internal notes. Answers may be cached for 60 seconds.
                """);

    public const int MaxSearchLength = 100;

    public sealed record Query(string? District, string? Category, string? Q, int? Page, int? PageSize) : IPageQuery
    {
        public sealed class Validator : AbstractValidator<Query>
        {
            public Validator()
            {
                RuleFor(q => q.Category).WireNameOf<Query, Category>();
                RuleFor(q => q.Q).MaximumLength(MaxSearchLength);
                this.Paged();
            }
        }
    }

    public static async Task<Ok<Paged<PublicProject>>> Handle(IQuerySession session, ProjectView view, [AsParameters] Query filter, CancellationToken ct)
    {
        var district = filter.District;
        var categoryFilter = WireEnum.From<Category>(filter.Category);

        var query = PublicProjects.Visible(session);
        if (!string.IsNullOrWhiteSpace(district))
        {
            var code = district.Trim();
            query = query.Where(p => p.Profile.District == code);
        }

        if (categoryFilter is { } c)
        {
            query = query.Where(p => p.Profile.Category == c);
        }

        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            var term = filter.Q.Trim();
            query = query.Where(p => p.Profile.Name.Contains(term, StringComparison.OrdinalIgnoreCase) || p.Code.Contains(term, StringComparison.OrdinalIgnoreCase));
        }

        var today = view.Today;
        var shown = await query.OrderBy(p => p.Code).ToPageAsync(filter, (page, token) => view.Show(session, page, today, token), ct);
        var districtName = await PublicProjects.DistrictNames(session, shown.Items.Select(p => p.District), ct);
        var planChanges = await PublicPlanChange.Of(session, [.. shown.Items.Select(p => p.Id)], ct);
        return TypedResults.Ok(new Paged<PublicProject>(
            [.. shown.Items.Select(p => PublicProject.From(p, districtName(p.District), planChanges[p.Id]))], shown.Page, shown.PageSize, shown.Total));
    }
}
