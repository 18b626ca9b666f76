using System.Security.Claims;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using ProjectTracker.Api.Features.Districts;
using ProjectTracker.Api.Features.Structure;
using ProjectTracker.Api.Infrastructure;
using ProjectTracker.Domain.Projects;
using ProjectTracker.Domain.Structure;

namespace ProjectTracker.Api.Features.Access;

public static class CreateApiKey
{
    /// <param name="Holder">The person who holds the key, e.g. 王五（市发改委）: a request is never decided by a key with the asking key's holder.</param>
    /// <param name="Unit">For role `unit`: the responsible unit's code (`GET /api/v1/units`) whose projects the key writes, in any district.</param>
    public sealed record Request(string? Name, ApiKeyRole? Role, string? District, string? Holder = null, string? Unit = null)
    {
        public sealed class Validator : AbstractValidator<Request>
        {
            public Validator(IQuerySession session)
            {
                RuleFor(r => r.Name).NotEmpty().MaximumLength(100);
                RuleFor(r => r.Role).NotNull();
                RuleFor(r => r.Holder).MaximumLength(KeyHolders.MaxLength);
                RuleFor(r => r.District)
                    .NotEmpty().WithMessage("A district key is bound to one district.")
                    .When(r => r.Role == ApiKeyRole.District);
                RuleFor(r => r.District)
                    .Null().WithMessage("Only district keys are bound to a district.")
                    .When(r => r.Role is ApiKeyRole.Admin or ApiKeyRole.Reader or ApiKeyRole.Unit);
                RuleFor(r => r.Unit)
                    .NotEmpty().WithMessage("A unit key is bound to one responsible unit.")
                    .When(r => r.Role == ApiKeyRole.Unit);
                RuleFor(r => r.Unit)
                    .Null().WithMessage("Only unit keys are bound to a responsible unit.")
                    .When(r => r.Role is ApiKeyRole.Admin or ApiKeyRole.Reader or ApiKeyRole.District);
                RuleFor(r => r.Unit)
                    .MustAsync(async (code, ct) => await session.LoadAsync<ReferenceEntry>(ReferenceEntry.IdOf(StructureList.Unit, code!.Trim()), ct) is not null)
                    .WithMessage("Unknown unit: register it first with PUT /api/v1/units/{code}.")
                    .When(r => r.Role == ApiKeyRole.Unit && !string.IsNullOrWhiteSpace(r.Unit));
                RuleFor(r => r.District)
                    .MustAsync(async (code, ct) => await session.LoadAsync<District>(code!, ct) is not null)
                    .WithMessage("Unknown district.")
                    .When(r => r.Role == ApiKeyRole.District && !string.IsNullOrEmpty(r.District));
            }
        }
    }

    /// <summary>The only answer that ever carries the secret.</summary>
    public sealed record Response(Guid Id, string Key, string Name, ApiKeyRole Role, string? District, string? Unit, string? Holder);

    public static void Map(IEndpointRouteBuilder keys) =>
        keys.MapPost("/", Handle)
            .WithRequestExample(new Request("老城区发改委", ApiKeyRole.District, "410302", "王五（老城区发改委）"))
            .WithName("CreateApiKey")
            .WithSummary("Issue an API key")
            .WithDescription("The secret `key` is shown only in this answer; the server keeps only its hash.");

    public static async Task<Created<Response>> Handle(
        Request request, ClaimsPrincipal user, IDocumentSession session, TimeProvider clock, HttpResponse response, CancellationToken ct)
    {
        // The answer holds the secret in plain text: no cache, and no Idempotency-Key record, may keep it.
        response.Headers.CacheControl = "no-store";
        var secret = ApiKey.NewSecret();
        var key = new ApiKey
        {
            Id = Guid.CreateVersion7(),
            Name = request.Name!.Trim(),
            Role = request.Role!.Value,
            District = request.District,
            Unit = string.IsNullOrWhiteSpace(request.Unit) ? null : request.Unit.Trim(),
            Holder = string.IsNullOrWhiteSpace(request.Holder) ? null : request.Holder.Trim(),
            SecretHash = ApiKey.Hash(secret),
            CreatedAt = clock.GetUtcNow(),
            CreatedBy = user.Caller().Name,
        };
        session.Store(key);
        await session.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/api-keys/{key.Id}", new Response(key.Id, secret, key.Name, key.Role, key.District, key.Unit, key.Holder));
    }
}
