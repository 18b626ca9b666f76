using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using ProjectTracker.Api.Infrastructure;

namespace ProjectTracker.Api.Features.Districts;

public static class PutDistrict
{
    public sealed record Request(string? Name, string? LeaderEmail)
    {
        public sealed class Validator : AbstractValidator<Request>
        {
            public Validator()
            {
                RuleFor(r => r.Name).NotEmpty().MaximumLength(100);
                RuleFor(r => r.LeaderEmail).EmailAddress().MaximumLength(254).When(r => !string.IsNullOrWhiteSpace(r.LeaderEmail));
            }
        }
    }

    public static void Map(IEndpointRouteBuilder districts) =>
        districts.MapPut("/{code}", Handle)
            .RequireAuthorization(Policies.Admin)
            .WithRequestExample(new Request("老城区", "leader.410302@example.gov.cn"))
            .WithName("PutDistrict")
            .WithSummary("Create or rename a district")
            .WithDescription(
                "Districts are reference data: a project's `district` must name one. The code is the 6-digit administrative division code. " +
                "`leaderEmail` (optional) is the district leader's address: alerts of a project amber for two weekly scans, or red, also go there. " +
                "A PUT replaces both fields.");

    public static async Task<Results<Ok<DistrictResponse>, Created<DistrictResponse>, ValidationProblem>> Handle(
        string code, Request request, IDocumentSession session, CancellationToken ct)
    {
        if (!DistrictCode.IsWellFormed(code))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["code"] = ["A district code is the 6-digit administrative division code."] });
        }

        var existed = await session.LoadAsync<District>(code, ct) is not null;
        var district = new District(code, request.Name!.Trim(), string.IsNullOrWhiteSpace(request.LeaderEmail) ? null : request.LeaderEmail.Trim());
        session.Store(district);
        await session.SaveChangesAsync(ct);
        return existed ? TypedResults.Ok(district.ToResponse(showLeader: true)) : TypedResults.Created($"/api/v1/districts/{code}", district.ToResponse(showLeader: true));
    }
}

public static class DistrictCode
{
    public static bool IsWellFormed(string? code) => code is { Length: 6 } && code.All(char.IsAsciiDigit);
}
