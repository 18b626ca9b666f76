using Marten;
using ProjectTracker.Api.Features.Access;

namespace ProjectTracker.Api.Features.Proposals;

public static class ProposalEndpoints
{
    public const string Tag = "Annual declarations";

    public static IServiceCollection AddProposals(this IServiceCollection services)
    {
        // Of two racing decisions the second fails: an accepted proposal must never end rejected with its project registered.
        services.ConfigureMarten(options => options.Schema.For<Proposal>()
            .UseOptimisticConcurrency(true)
            .Index(p => p.Status)
            .Index(p => p.District)
            .Index(p => p.Year)
            .Index(p => p.ProjectId!));
        return services;
    }

    public static void MapProposals(this IEndpointRouteBuilder api)
    {
        var proposals = api.MapGroup("/proposals").WithTags(Tag);
        ProposeProject.Map(proposals);
        ListProposals.Map(proposals);
        GetProposal.Map(proposals);
        AcceptProposal.Map(proposals);
        RejectProposal.Map(proposals);
    }

    internal static async Task<Proposal> Load(IQuerySession session, Guid id, Caller caller, CancellationToken ct)
    {
        var proposal = await session.LoadAsync<Proposal>(id, ct);
        // A district or unit key does not learn whether another district's or unit's proposal exists.
        if (proposal is null
            || (caller.Role == ApiKeyRole.District && proposal.District != caller.District)
            || (caller.IsUnit && caller.Structure!.UnitOf(proposal.Project.Unit, proposal.Project.ResponsibleUnit) != caller.Unit))
        {
            throw Domain.DomainException.NotFound("There is no proposal with this id.");
        }

        return proposal;
    }
}
