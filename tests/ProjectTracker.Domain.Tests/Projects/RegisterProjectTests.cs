using ProjectTracker.Domain.Portfolio;
using ProjectTracker.Domain.Projects;

namespace ProjectTracker.Domain.Tests.Projects;

public class RegisterProjectTests
{
    private static RegisterProject Register(ProjectProfile profile, string code = Sample.Code) => new(Sample.ProjectId, code, profile);

    [Fact]
    public void Registering_a_project_records_its_code_and_profile() =>
        Spec.Given()
            .When(Register(Sample.Profile))
            .Then(new ProjectRegistered(Sample.ProjectId, Sample.Code, Sample.Profile));

    [Fact]
    public void Registering_a_project_twice_is_a_conflict() =>
        Spec.Given(Sample.Registered)
            .When(Register(Sample.Profile))
            .ThenFails(DomainErrorKind.Conflict);

    [Fact]
    public void A_registered_project_is_active_with_its_code_and_profile()
    {
        var project = Spec.Given(Sample.Registered).State;

        Assert.NotNull(project);
        Assert.Equal((Sample.ProjectId, Sample.Code, Sample.Profile, ProjectStatus.Active), (project.Id, project.Code, project.Profile, project.Status));
        Assert.True(project.TakesChanges);
        Assert.Empty(project.Milestones);
    }

    [Fact]
    public void Events_before_registration_leave_no_project() =>
        Assert.Null(Spec.Given(Sample.MilestonePlanned, Sample.Reported(Spec.Today, 5m)).State);

    [Theory]
    [InlineData(nameof(AmendProject))]
    [InlineData(nameof(PlanMilestone))]
    [InlineData(nameof(ChangeForecast))]
    [InlineData(nameof(CompleteMilestone))]
    [InlineData(nameof(ReportProgress))]
    [InlineData(nameof(SetAnnualPlan))]
    [InlineData(nameof(RecordAssessment))]
    [InlineData(nameof(CloseProject))]
    [InlineData(nameof(CancelProject))]
    public void Any_other_command_on_an_unregistered_project_is_not_found(string command) =>
        Spec.Given()
            .When(Sample.Command(command))
            .ThenFails(DomainErrorKind.NotFound);

    [Theory]
    [InlineData("2024-410300-48-01-000123")]
    [InlineData("1990-110000-00-05-000000")]
    [InlineData("2100-650000-99-99-999999")]
    [InlineData("2024-410300-48-01-000129")] // the check digit is not verified: its algorithm is not published
    public void A_well_formed_code_is_accepted(string code) =>
        Spec.Given()
            .When(Register(Sample.Profile, code))
            .Then(new ProjectRegistered(Sample.ProjectId, code, Sample.Profile));

    [Theory]
    [InlineData("")]
    [InlineData("2024/410300/48/01/000123")]
    [InlineData("2024_410300-48-01-000123")]
    [InlineData("2024-410300-48-01 000123")]
    [InlineData("20244103004801000123")]
    [InlineData("2024-41O300-48-01-000123")]
    [InlineData("2024-410300-AB-01-000123")]
    [InlineData("2024-410300-48-01-00012X")]
    [InlineData("2024-410300-48-01-00012")]
    [InlineData("2024-41030-48-01-000123")]
    [InlineData("024-410300-48-01-000123")]
    [InlineData("2024-410300-48-01-0001234")]
    [InlineData("2024-410300-480-01-000123")]
    [InlineData("1989-410300-48-01-000123")]
    [InlineData("2101-410300-48-01-000123")]
    [InlineData("0000-410300-48-01-000123")]
    [InlineData(" 2024-410300-48-01-000123")]
    [InlineData("2024-410300-48-01-000123 ")]
    [InlineData("2024-410300-48-01-000123\n")]
    [InlineData("２０２４-410300-48-01-000123")] // full-width digits, easy to type with a Chinese IME
    [InlineData("2024-٤١٠٣٠٠-48-01-000123")]
    public void A_malformed_code_is_invalid(string code) =>
        Spec.Given()
            .When(Register(Sample.Profile, code))
            .ThenFails(DomainErrorKind.Invalid, "code");

    [Fact]
    public void A_profile_with_only_the_required_fields_is_accepted()
    {
        var minimal = new ProjectProfile { Name = "Pocket park", Category = Category.PocketPark, District = "410305", ResponsibleUnit = "District Parks Bureau" };

        Spec.Given()
            .When(Register(minimal))
            .Then(new ProjectRegistered(Sample.ProjectId, Sample.Code, minimal));
    }

    [Fact]
    public void A_profile_with_every_field_is_accepted()
    {
        var full = Sample.Profile with
        {
            ContactEmail = "pmo@example.gov.cn",
            LeadOfficial = "Deputy Mayor Li",
            TotalInvestment = 0m,
            PlanPeriod = PlanPeriod.Fifteenth,
            TargetYear = 2030,
            Cluster = "East",
            Sector = "Central",
            Programme = "Rail",
            IsPublic = true,
            Description = "Twelve stations.",
        };

        Spec.Given()
            .When(Register(full))
            .Then(new ProjectRegistered(Sample.ProjectId, Sample.Code, full));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void A_project_without_a_name_is_invalid(string name) =>
        Spec.Given()
            .When(Register(Sample.Profile with { Name = name }))
            .ThenFails(DomainErrorKind.Invalid, "name");

    [Fact]
    public void A_name_longer_than_200_characters_is_invalid() =>
        Spec.Given()
            .When(Register(Sample.Profile with { Name = new string('路', ProjectProfile.MaxNameLength + 1) }))
            .ThenFails(DomainErrorKind.Invalid, "name");

    [Fact]
    public void A_name_of_exactly_200_characters_is_accepted()
    {
        var profile = Sample.Profile with { Name = new string('路', ProjectProfile.MaxNameLength) };

        Spec.Given()
            .When(Register(profile))
            .Then(new ProjectRegistered(Sample.ProjectId, Sample.Code, profile));
    }

    [Fact]
    public void An_unknown_category_is_invalid() =>
        Spec.Given()
            .When(Register(Sample.Profile with { Category = (Category)99 }))
            .ThenFails(DomainErrorKind.Invalid, "category");

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void A_project_without_a_district_is_invalid(string district) =>
        Spec.Given()
            .When(Register(Sample.Profile with { District = district }))
            .ThenFails(DomainErrorKind.Invalid, "district");

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void A_project_without_a_responsible_unit_is_invalid(string unit) =>
        Spec.Given()
            .When(Register(Sample.Profile with { ResponsibleUnit = unit }))
            .ThenFails(DomainErrorKind.Invalid, "responsibleUnit");

    [Fact]
    public void A_negative_total_investment_is_invalid() =>
        Spec.Given()
            .When(Register(Sample.Profile with { TotalInvestment = -0.01m }))
            .ThenFails(DomainErrorKind.Invalid, "totalInvestment");

    [Fact]
    public void A_total_investment_beyond_10_trillion_yuan_is_invalid() =>
        Spec.Given()
            .When(Register(Sample.Profile with { TotalInvestment = Money.Max + 0.01m }))
            .ThenFails(DomainErrorKind.Invalid, "totalInvestment");

    [Fact]
    public void A_total_investment_of_exactly_10_trillion_yuan_is_accepted() =>
        Spec.Given()
            .When(Register(Sample.Profile with { TotalInvestment = Money.Max }))
            .Then(new ProjectRegistered(Sample.ProjectId, Sample.Code, Sample.Profile with { TotalInvestment = Money.Max }));

    [Fact]
    public void An_unknown_plan_period_is_invalid() =>
        Spec.Given()
            .When(Register(Sample.Profile with { PlanPeriod = (PlanPeriod)99 }))
            .ThenFails(DomainErrorKind.Invalid, "planPeriod");

    [Theory]
    [InlineData(1989)]
    [InlineData(2101)]
    public void A_target_year_outside_1990_to_2100_is_invalid(int year) =>
        Spec.Given()
            .When(Register(Sample.Profile with { TargetYear = year }))
            .ThenFails(DomainErrorKind.Invalid, "targetYear");

    [Theory]
    [InlineData(1990)]
    [InlineData(2100)]
    public void A_target_year_on_the_edges_is_accepted(int year)
    {
        var profile = Sample.Profile with { TargetYear = year };

        Spec.Given()
            .When(Register(profile))
            .Then(new ProjectRegistered(Sample.ProjectId, Sample.Code, profile));
    }

    [Fact]
    public void The_code_is_checked_before_the_profile() =>
        Spec.Given()
            .When(Register(Sample.Profile with { Name = "" }, "not-a-code"))
            .ThenFails(DomainErrorKind.Invalid, "code");
}
