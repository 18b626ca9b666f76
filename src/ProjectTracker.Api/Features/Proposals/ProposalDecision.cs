using JasperFx;
using Marten;
using ProjectTracker.Api.Features.Access;
using ProjectTracker.Api.Infrastructure;
using ProjectTracker.Domain;

namespace ProjectTracker.Api.Features.Proposals;

public static class ProposalDecision
{
    // One commit, so a failed registration leaves it pending; a concurrent decision fails the version check (409).
    public static async Task<Proposal> Decide(
        Guid id, ISessionFactory sessions, Func<IDocumentSession, Proposal, Proposal> decide, Caller caller, DateTimeOffset now, CancellationToken ct)
    {
        await using var session = sessions.OpenSession();
        var proposal = await ProposalEndpoints.Load(session, id, caller, ct);
        if (proposal.Status != ProposalStatus.Pending)
        {
            throw DomainException.Conflict($"The proposal has already been {Json.WireName(proposal.Status)}.");
        }

        var decided = decide(session, proposal) with { DecidedByKeyId = caller.KeyId, DecidedBy = caller.Name, DecidedAt = now };
        session.Store(decided);
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (ConcurrencyException)
        {
            throw DomainException.Conflict("The proposal was decided by someone else at the same moment.");
        }

        return decided;
    }
}
