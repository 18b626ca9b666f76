using System.Security.Claims;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using ProjectTracker.Api.Features.Access;
using ProjectTracker.Api.Features.Projects;
using ProjectTracker.Api.Infrastructure;
using ProjectTracker.Domain.Projects;

namespace ProjectTracker.Api.Features.Progress;

public static class ReportProgress
{
    /// <param name="InvestmentToDate">累计完成投资, 万元.</param>
    /// <param name="InvestmentThisYear">本年完成投资, 万元 (optional).</param>
    /// <param name="FundsInPlace">到位资金, 万元 (optional).</param>
    public sealed record Request(
        DateOnly? ReportDate,
        decimal? PercentComplete,
        decimal? InvestmentToDate,
        decimal? InvestmentThisYear,
        decimal? FundsInPlace,
        string? Narrative,
        string? Issues)
    {
        public sealed class Validator : AbstractValidator<Request>
        {
            public Validator()
            {
                RuleFor(r => r.ReportDate).NotNull();
                RuleFor(r => r.PercentComplete).NotNull().InclusiveBetween(Domain.Portfolio.Percentage.Min, Domain.Portfolio.Percentage.Max);
                RuleFor(r => r.InvestmentToDate).NotNull().Money();
                RuleFor(r => r.InvestmentThisYear).Money();
                RuleFor(r => r.FundsInPlace).Money();
                RuleFor(r => r.Narrative).MaximumLength(ProjectProfile.MaxTextLength);
                RuleFor(r => r.Issues).MaximumLength(ProjectProfile.MaxTextLength);
            }
        }
    }

    public static void Map(IEndpointRouteBuilder reports) =>
        reports.MapPost("/", Handle)
            .RequireAuthorization(Policies.Writer)
            .WithRequestExample(new Request(
                ReportDate: new DateOnly(2026, 6, 10),
                PercentComplete: 35m,
                InvestmentToDate: 43750m,
                InvestmentThisYear: 18600m,
                FundsInPlace: 52000m,
                Narrative: "主线桥梁桩基完成 80%，3 号互通立交完成承台施工。",
                Issues: "部分路段交通导改方案待交警部门批复。"))
            .WithName("ReportProgress")
            .WithSummary("Report a project's progress")
            .WithDescription("Percent complete 0–100, investment in 万元 (never negative), report date not in the future. Concurrent reports on one project are all kept. Honours `If-Match`.")
            .ProducesProjectWriteProblems();

    public static async Task<Created<ProgressReportResponse>> Handle(
        Guid id, Request request, ClaimsPrincipal user, ProjectWriter writer, HttpContext http, CancellationToken ct)
    {
        var caller = user.Caller();
        var command = new ProjectCommand.ReportProgress(
            writer.NewId(),
            request.ReportDate!.Value,
            request.PercentComplete!.Value,
            request.InvestmentToDate!.Value,
            request.InvestmentThisYear,
            request.FundsInPlace,
            request.Narrative,
            request.Issues);
        var project = await writer.Execute(http, id, _ => command, ct);
        return TypedResults.Created(
            $"/api/v1/projects/{id}/progress-reports/{command.ReportId}",
            new ProgressReportResponse(command.ReportId, command.ReportDate, command.PercentComplete, command.InvestmentToDate,
                command.InvestmentThisYear, command.FundsInPlace, command.Narrative, command.Issues, project.LastChangedAt, caller.Name));
    }
}
