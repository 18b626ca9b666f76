using System.Security.Claims;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using ProjectTracker.Api.Features.Districts;
using ProjectTracker.Api.Infrastructure;
using ProjectTracker.Domain.Projects;

namespace ProjectTracker.Api.Features.Access;

public static class CreateApiKey
{
    /// <param name="Holder">The person who holds the key, e.g. 王五（市发改委）: a request is never decided by a key with the asking key's holder.</param>
    public sealed record Request(string? Name, ApiKeyRole? Role, string? District, string? Holder = null)
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
                    .When(r => r.Role is ApiKeyRole.Admin or ApiKeyRole.Reader);
                RuleFor(r => r.District)
                    .MustAsync(async (code, ct) => await session.LoadAsync<District>(code!, ct) is not null)
                    .WithMessage("Unknown district.")
                    .When(r => r.Role == ApiKeyRole.District && !string.IsNullOrEmpty(r.District));
            }
        }
    }

    /// <summary>The only answer that ever carries the secret.</summary>
    public sealed record Response(Guid Id, string Key, string Name, ApiKeyRole Role, string? District, string? Holder);

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
            Holder = string.IsNullOrWhiteSpace(request.Holder) ? null : request.Holder.Trim(),
            SecretHash = ApiKey.Hash(secret),
            CreatedAt = clock.GetUtcNow(),
            CreatedBy = user.Caller().Name,
        };
        session.Store(key);
        await session.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/api-keys/{key.Id}", new Response(key.Id, secret, key.Name, key.Role, key.District, key.Holder));
    }
}
