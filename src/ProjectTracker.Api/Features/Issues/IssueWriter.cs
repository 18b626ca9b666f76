using Marten;
using ProjectTracker.Api.Features.Access;
using ProjectTracker.Api.Infrastructure;
using ProjectTracker.Domain.Issues;

namespace ProjectTracker.Api.Features.Issues;

public sealed class IssueWriter(ISessionFactory sessions, TimeProvider clock)
{
    public Task<Issue> Execute(HttpContext http, Guid id, Action<Caller, Issue> authorize, Func<Issue, IssueCommand> command, CancellationToken ct) =>
        sessions.Decide<Issue>(
            http,
            id,
            "The issue does not exist.",
            (issue, _) =>
            {
                authorize(http.User.Caller(), issue);
                return Task.CompletedTask;
            },
            issue => IssueDecider.Decide(command(issue), issue, clock.GetUtcNow()),
            issue => issue.Version,
            ct);
}
