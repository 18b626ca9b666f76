using ProjectTracker.Domain.Portfolio;
using ProjectTracker.Domain.Projects;

namespace ProjectTracker.Domain.Tests.Projects;

public class ReportProgressTests
{
    private static ReportProgress Report(
        DateOnly? reportDate = null,
        decimal percentComplete = 35m,
        decimal investmentToDate = 420_000m,
        decimal? investmentThisYear = 60_000m,
        decimal? fundsInPlace = 380_000m) =>
        new(Sample.ReportId, reportDate ?? Spec.Today, percentComplete, investmentToDate, investmentThisYear, fundsInPlace, "Tunnelling on schedule", "Power supply");

    private static ProgressReported Reported(
        DateOnly? reportDate = null,
        decimal percentComplete = 35m,
        decimal investmentToDate = 420_000m,
        decimal? investmentThisYear = 60_000m,
        decimal? fundsInPlace = 380_000m) =>
        new(Sample.ProjectId, Sample.ReportId, reportDate ?? Spec.Today, percentComplete, investmentToDate, investmentThisYear, fundsInPlace, "Tunnelling on schedule", "Power supply");

    [Fact]
    public void Reporting_progress_records_every_figure() =>
        Spec.Given(Sample.Registered)
            .When(Report())
            .Then(Reported());

    [Fact]
    public void A_report_dated_in_the_past_is_accepted() =>
        Spec.Given(Sample.Registered)
            .When(Report(reportDate: new DateOnly(2026, 5, 31)))
            .Then(Reported(reportDate: new DateOnly(2026, 5, 31)));

    [Fact]
    public void A_report_dated_tomorrow_is_invalid() =>
        Spec.Given(Sample.Registered)
            .When(Report(reportDate: Spec.Today.AddDays(1)))
            .ThenFails(DomainErrorKind.Invalid, "reportDate");

    [Fact]
    public void A_report_dated_before_1990_is_invalid() =>
        Spec.Given(Sample.Registered)
            .When(Report(reportDate: new DateOnly(1989, 12, 31)))
            .ThenFails(DomainErrorKind.Invalid, "reportDate");

    [Fact]
    public void Late_in_the_utc_evening_a_report_for_the_next_day_is_accepted() =>
        Spec.Given(Sample.Registered)
            .When(Report(reportDate: new DateOnly(2026, 6, 16)), now: new DateTimeOffset(2026, 6, 15, 23, 30, 0, TimeSpan.Zero))
            .Then(Reported(reportDate: new DateOnly(2026, 6, 16)));

    [Theory]
    [InlineData(0)]
    [InlineData(100)]
    [InlineData(99.99)]
    public void Percent_complete_from_0_to_100_is_accepted(double percent) =>
        Spec.Given(Sample.Registered)
            .When(Report(percentComplete: (decimal)percent))
            .Then(Reported(percentComplete: (decimal)percent));

    [Theory]
    [InlineData(-0.01)]
    [InlineData(-1)]
    [InlineData(100.01)]
    [InlineData(101)]
    public void Percent_complete_outside_0_to_100_is_invalid(double percent) =>
        Spec.Given(Sample.Registered)
            .When(Report(percentComplete: (decimal)percent))
            .ThenFails(DomainErrorKind.Invalid, "percentComplete");

    [Fact]
    public void A_negative_investment_to_date_is_invalid() =>
        Spec.Given(Sample.Registered)
            .When(Report(investmentToDate: -0.01m))
            .ThenFails(DomainErrorKind.Invalid, "investmentToDate");

    [Fact]
    public void A_negative_investment_this_year_is_invalid() =>
        Spec.Given(Sample.Registered)
            .When(Report(investmentThisYear: -0.01m))
            .ThenFails(DomainErrorKind.Invalid, "investmentThisYear");

    [Fact]
    public void Negative_funds_in_place_are_invalid() =>
        Spec.Given(Sample.Registered)
            .When(Report(fundsInPlace: -0.01m))
            .ThenFails(DomainErrorKind.Invalid, "fundsInPlace");

    [Theory]
    [InlineData("investmentToDate")]
    [InlineData("investmentThisYear")]
    [InlineData("fundsInPlace")]
    public void An_amount_beyond_10_trillion_yuan_is_invalid(string field) =>
        Spec.Given(Sample.Registered)
            .When(field switch
            {
                "investmentToDate" => Report(investmentToDate: Money.Max + 1m),
                "investmentThisYear" => Report(investmentThisYear: Money.Max + 1m),
                _ => Report(fundsInPlace: decimal.MaxValue),
            })
            .ThenFails(DomainErrorKind.Invalid, field);

    [Fact]
    public void Zero_amounts_are_accepted() =>
        Spec.Given(Sample.Registered)
            .When(Report(investmentToDate: 0m, investmentThisYear: 0m, fundsInPlace: 0m))
            .Then(Reported(investmentToDate: 0m, investmentThisYear: 0m, fundsInPlace: 0m));

    [Fact]
    public void Optional_amounts_may_be_left_out() =>
        Spec.Given(Sample.Registered)
            .When(Report(investmentThisYear: null, fundsInPlace: null))
            .Then(Reported(investmentThisYear: null, fundsInPlace: null));

    [Fact]
    public void A_newer_report_becomes_the_latest_progress()
    {
        var project = Spec.Given(Sample.Registered, Sample.Reported(new DateOnly(2026, 5, 31), 30m), Sample.Reported(new DateOnly(2026, 6, 14), 35m)).State;

        Assert.Equal((new DateOnly(2026, 6, 14), 35m, 2), (project?.LatestProgress?.ReportDate, project?.LatestProgress?.PercentComplete, project?.ProgressReportCount));
    }

    [Fact]
    public void An_older_report_arriving_later_does_not_replace_the_latest_but_is_counted()
    {
        var june = Sample.Reported(new DateOnly(2026, 6, 14), 35m);

        var project = Spec.Given(Sample.Registered, june, Sample.Reported(new DateOnly(2026, 5, 31), 30m)).State;

        Assert.Equal(new ProgressSnapshot(june.ReportId, june.ReportDate, 35m, june.InvestmentToDate, june.InvestmentThisYear, june.FundsInPlace), project?.LatestProgress);
        Assert.Equal(2, project?.ProgressReportCount);
    }

    [Fact]
    public void A_project_without_reports_has_no_latest_progress()
    {
        var project = Spec.Given(Sample.Registered).State;

        Assert.Equal((null, 0), (project?.LatestProgress, project?.ProgressReportCount));
    }

    [Fact]
    public void Investment_to_date_is_kept_for_each_year_from_its_latest_report()
    {
        var project = Spec.Given(
            Sample.Registered,
            Reported(new DateOnly(2025, 11, 30), investmentToDate: 450m),
            Reported(new DateOnly(2025, 12, 20), investmentToDate: 500m),
            Reported(new DateOnly(2026, 6, 1), investmentToDate: 540m)).State;

        Assert.Equal(new Dictionary<int, decimal> { [2025] = 500m, [2026] = 540m }, project?.InvestmentToDateByYear);
    }

    [Fact]
    public void An_older_report_arriving_later_does_not_replace_its_year_end_figure()
    {
        // The December report is in, then November's is filed late, after this year's first report.
        var project = Spec.Given(
            Sample.Registered,
            Reported(new DateOnly(2025, 12, 20), investmentToDate: 500m),
            Reported(new DateOnly(2026, 6, 1), investmentToDate: 540m),
            Reported(new DateOnly(2025, 11, 30), investmentToDate: 450m)).State;

        Assert.Equal(new Dictionary<int, decimal> { [2025] = 500m, [2026] = 540m }, project?.InvestmentToDateByYear);
    }

    [Fact]
    public void A_second_report_on_the_same_day_corrects_the_first()
    {
        var project = Spec.Given(
            Sample.Registered,
            Reported(new DateOnly(2025, 12, 20), investmentToDate: 500m),
            Reported(new DateOnly(2025, 12, 20), investmentToDate: 505m)).State;

        Assert.Equal((505m, 505m), (project?.InvestmentToDateByYear[2025], project?.LatestProgress?.InvestmentToDate));
    }
}
