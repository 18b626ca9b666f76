using System.Text.Encodings.Web;
using Marten;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

using ProjectTracker.Api.Infrastructure;

namespace ProjectTracker.Api.Features.Access;

public sealed class ApiKeyAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyCache cache,
    IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public new const string Scheme = ApiKeys.Scheme;
    public const string Header = ApiKeys.Header;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(Header, out var values) || values.Count != 1 || string.IsNullOrWhiteSpace(values[0]))
        {
            return AuthenticateResult.NoResult();
        }

        // HTTP strips the blanks around a header's value: any left (or sent in ?api_key=) make the key another one.
        var hash = ApiKey.Hash(values[0]!);
        if (!cache.TryGet(hash, out var caller))
        {
            var generation = cache.Generation;
            // Resolved only on a miss: the handler is made for every request, and almost every key is cached.
            var session = Context.RequestServices.GetRequiredService<IQuerySession>();
            var key = await session.Query<ApiKey>()
                .Where(k => k.SecretHash == hash && k.RevokedAt == null)
                .FirstOrDefaultAsync(Context.RequestAborted);
            if (key is null)
            {
                return AuthenticateResult.Fail("Unknown or revoked API key.");
            }

            caller = new Caller(key.Id, key.Name, key.Role, key.District, key.Holder, key.Unit);
            cache.Remember(hash, caller, generation);
        }

        return AuthenticateResult.Success(new AuthenticationTicket(caller.ToPrincipal(Scheme), Scheme));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        WriteProblem(StatusCodes.Status401Unauthorized, "Unauthorized", $"Send a valid, unrevoked API key in the {Header} header.");

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteProblem(StatusCodes.Status403Forbidden, "Forbidden", "This key's role does not allow this request.");

    private Task WriteProblem(int status, string title, string detail) =>
        ErrorHandling.Write(problems, Context, ErrorHandling.Problem(status, title, detail));
}

public static class AccessServices
{
    public static IServiceCollection AddAccess(this IServiceCollection services)
    {
        services.AddSingleton<ApiKeyCache>();
        services.AddHostedService<ApiKeyRevocationListener>();
        // After the schema is applied (AddTrackerStore, registered first).
        services.AddHostedService<BootstrapAdminKey>();
        services.AddAuthentication(ApiKeyAuthentication.Scheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.Scheme, null);
        services.AddAuthorizationBuilder()
            // Every endpoint needs a key unless it says AllowAnonymous: none can forget.
            .SetFallbackPolicy(new AuthorizationPolicyBuilder(ApiKeyAuthentication.Scheme).RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.Admin, p => p.AddAuthenticationSchemes(ApiKeyAuthentication.Scheme).RequireRole(Json.WireName(ApiKeyRole.Admin)))
            .AddPolicy(Policies.Writer, p => p.AddAuthenticationSchemes(ApiKeyAuthentication.Scheme)
                .RequireRole(Json.WireName(ApiKeyRole.Admin), Json.WireName(ApiKeyRole.District), Json.WireName(ApiKeyRole.Unit)));
        services.ConfigureMarten(options => options.Schema.For<ApiKey>().UniqueIndex(k => k.SecretHash));
        return services;
    }
}
