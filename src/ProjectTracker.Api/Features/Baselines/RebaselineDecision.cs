using FluentValidation;
using Marten;
using ProjectTracker.Api.Features.Access;
using ProjectTracker.Api.Features.PlanChanges;
using ProjectTracker.Api.Features.Projects;
using ProjectTracker.Domain.Projects;

namespace ProjectTracker.Api.Features.Baselines;

public static class RebaselineDecision
{
    public sealed record Request(string? Comment)
    {
        public sealed class Validator : AbstractValidator<Request>
        {
            public Validator() => RuleFor(r => r.Comment).MaximumLength(ProjectProfile.MaxTextLength);
        }
    }

    public const string Rules = """
        Admin keys only, and never the key that asked nor another key of its `holder` (403). A request is decided once: a second decision is 409; an
        unknown request is 404. No `If-Match`: a decision names a request, not a project version, and never loses a
        concurrent change to the project. `comment` is optional.
        """;

    public static async Task<RebaselineRequestResponse> Decide(
        Guid requestId, Func<Caller, string?, ProjectCommand> decision, Caller caller, ProjectWriter writer, IQuerySession session, CancellationToken ct)
    {
        // A plan change asked through /plan-changes is no rebaseline request, even with baselines only: the domain says 404.
        await PlanChangeDecision.Execute(requestId, "rebaseline request", decision, caller, writer, session, ct);
        return await RebaselineRequestResponse.Load(session, requestId, ct)
            ?? throw new InvalidOperationException("The rebaseline request disappeared while it was decided.");
    }
}
