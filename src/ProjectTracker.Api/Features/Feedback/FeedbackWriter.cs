using Marten;
using ProjectTracker.Api.Features.Access;
using ProjectTracker.Api.Infrastructure;
using ProjectTracker.Domain.Feedback;

namespace ProjectTracker.Api.Features.Feedback;

public sealed class FeedbackWriter(ISessionFactory sessions, TimeProvider clock)
{
    public Task<FeedbackMessage> Execute(
        HttpContext http, Guid id, Func<Caller, FeedbackMessage, IQuerySession, CancellationToken, Task> authorize, FeedbackCommand command, CancellationToken ct) =>
        sessions.Decide<FeedbackMessage>(
            http,
            id,
            "The message does not exist.",
            (message, session) => authorize(http.User.Caller(), message, session, ct),
            message => FeedbackDecider.Decide(command, message, clock.GetUtcNow()),
            message => message.Version,
            ct);

    // The route group already keeps these decisions to admin keys.
    public static Task ByRoutePolicy(Caller caller, FeedbackMessage message, IQuerySession session, CancellationToken ct) => Task.CompletedTask;
}
