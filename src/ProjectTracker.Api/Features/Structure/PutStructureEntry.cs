using System.Text.RegularExpressions;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using ProjectTracker.Api.Infrastructure;
using ProjectTracker.Domain.Structure;

namespace ProjectTracker.Api.Features.Structure;

public static partial class PutStructureEntry
{
    public sealed record NamedRequest(string? Name)
    {
        public sealed class Validator : AbstractValidator<NamedRequest>
        {
            public Validator() => RuleFor(r => r.Name).EntryName();
        }
    }

    public sealed record ProgrammeRequest(string? Name, string? System)
    {
        public sealed class Validator : AbstractValidator<ProgrammeRequest>
        {
            public Validator(IQuerySession session)
            {
                RuleFor(r => r.Name).EntryName();
                RuleFor(r => r.System).NotEmpty()
                    .MustAsync(async (system, ct) => string.IsNullOrWhiteSpace(system)
                        || await session.LoadAsync<ReferenceEntry>(ReferenceEntry.IdOf(StructureList.System, system.Trim()), ct) is not null)
                    .WithMessage("Unknown system: give a code of GET /api/v1/systems.");
            }
        }
    }

    public sealed record UnitRequest(string? Name, UnitKind? Kind, string? Leader, string? Email)
    {
        public sealed class Validator : AbstractValidator<UnitRequest>
        {
            public Validator()
            {
                RuleFor(r => r.Name).EntryName();
                RuleFor(r => r.Kind).NotNull().IsInEnum();
                RuleFor(r => r.Leader).MaximumLength(100);
                RuleFor(r => r.Email).EmailAddress().MaximumLength(254).When(r => !string.IsNullOrWhiteSpace(r.Email));
            }
        }
    }

    public static void Map(RouteGroupBuilder api)
    {
        MapNamed(api, StructureList.Cluster, "组团", new NamedRequest("偃师组团"));
        MapNamed(api, StructureList.Sector, "板块", new NamedRequest("洛南城区"));
        MapNamed(api, StructureList.System, "九大体系", new NamedRequest("综合交通体系"));

        api.MapPut("/programmes/{code}", (string code, ProgrammeRequest request, IDocumentSession session, CancellationToken ct) =>
                Store(session, new ReferenceEntry(ReferenceEntry.IdOf(StructureList.Programme, code), StructureList.Programme, code, request.Name!.Trim(), request.System!.Trim()), ct))
            .RequireAuthorization(Policies.Admin)
            .WithRequestExample(new ProgrammeRequest("城市轨道交通专项", "transport"))
            .WithName("PutProgramme")
            .WithSummary("Create or rename a programme (重大专项) under its system")
            .WithDescription("`system` is a code of `GET /api/v1/systems` (400 otherwise). A PUT replaces every field. " + CodeRule);

        api.MapPut("/units/{code}", (string code, UnitRequest request, IDocumentSession session, CancellationToken ct) =>
                Store(session, new ReferenceEntry(
                    ReferenceEntry.IdOf(StructureList.Unit, code), StructureList.Unit, code, request.Name!.Trim(), null, request.Kind,
                    Blank(request.Leader), Blank(request.Email)), ct))
            .RequireAuthorization(Policies.Admin)
            .WithRequestExample(new UnitRequest("市交通运输局", UnitKind.CityBureau, "李振华", "jtj@example.gov.cn"))
            .WithName("PutUnit")
            .WithSummary("Create or change a responsible unit (责任单位)")
            .WithDescription("""
                `kind` is `district-government`, `city-bureau`, `enterprise` or `other`; `leader` names the unit's leader
                and `email` is where its supervised-issue alerts go. A project gives the unit by code in `unit`; a project
                registered before the lists existed is the unit whose name is its `responsibleUnit`. A PUT replaces every
                field.
                """ + " " + CodeRule);
    }

    private const string CodeRule = "The code is 1–40 letters, digits, `-`, `_` or `.`, starting with a letter or digit; 201 when it is new, 200 when it replaced an entry.";

    private static void MapNamed(RouteGroupBuilder api, StructureList list, string chinese, NamedRequest example) =>
        api.MapPut($"/{StructureEndpoints.PathOf(list)}/{{code}}", (string code, NamedRequest request, IDocumentSession session, CancellationToken ct) =>
                Store(session, new ReferenceEntry(ReferenceEntry.IdOf(list, code), list, code, request.Name!.Trim()), ct))
            .RequireAuthorization(Policies.Admin)
            .WithRequestExample(example)
            .WithName($"Put{list}")
            .WithSummary($"Create or rename a {Json.WireName(list)} ({chinese})")
            .WithDescription($"A project's `{Json.WireName(list)}` is a code of this list (400 otherwise). " + CodeRule);

    private static async Task<Results<Ok<StructureEntryResponse>, Created<StructureEntryResponse>, ValidationProblem>> Store(
        IDocumentSession session, ReferenceEntry entry, CancellationToken ct)
    {
        if (!IsWellFormed(entry.Code))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["code"] = [CodeRule[..CodeRule.IndexOf(';', StringComparison.Ordinal)] + "."] });
        }

        var existed = await session.LoadAsync<ReferenceEntry>(entry.Id, ct) is not null;
        session.Store(entry);
        session.Store(StructureStamp.New());
        await session.SaveChangesAsync(ct);
        var shown = StructureEntryResponse.From(entry, showContact: true);
        return existed ? TypedResults.Ok(shown) : TypedResults.Created($"/api/v1/{StructureEndpoints.PathOf(entry.List)}/{entry.Code}", shown);
    }

    public static bool IsWellFormed(string code) => CodeShape().IsMatch(code);

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static IRuleBuilderOptions<T, string?> EntryName<T>(this IRuleBuilder<T, string?> rule) => rule.NotEmpty().MaximumLength(100);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$")]
    private static partial Regex CodeShape();
}

/// <param name="System">A programme's system code; null for the other lists.</param>
/// <param name="Kind">A unit's kind; null for the other lists.</param>
/// <param name="Leader">A unit's leader; null for the other lists.</param>
/// <param name="Email">A unit's address for its alerts: shown to admin, district and unit keys, null for reader keys.</param>
public sealed record StructureEntryResponse(string Code, string Name, string? System, UnitKind? Kind, string? Leader, string? Email)
{
    public static StructureEntryResponse From(ReferenceEntry entry, bool showContact) =>
        new(entry.Code, entry.Name, entry.System, entry.Kind, entry.Leader, showContact ? entry.Email : null);
}
