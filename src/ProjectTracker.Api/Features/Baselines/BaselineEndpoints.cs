namespace ProjectTracker.Api.Features.Baselines;

public static class BaselineEndpoints
{
    public const string Tag = "Baseline governance";

    /// <summary>Asking is about a project (and its version); deciding and reading address the request alone.</summary>
    public static void MapBaselines(this IEndpointRouteBuilder api)
    {
        RequestRebaseline.Map(api.MapGroup("/projects/{id:guid}/rebaseline-requests").WithTags(Tag));
        var requests = api.MapGroup("/rebaseline-requests").WithTags(Tag);
        ApproveRebaseline.Map(requests);
        RejectRebaseline.Map(requests);
        ListRebaselineRequests.Map(requests);
        GetRebaselineRequest.Map(requests);
    }
}
