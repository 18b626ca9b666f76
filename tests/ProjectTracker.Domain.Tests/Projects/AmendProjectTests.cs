using ProjectTracker.Domain.Portfolio;
using ProjectTracker.Domain.Projects;

namespace ProjectTracker.Domain.Tests.Projects;

public class AmendProjectTests
{
    [Fact]
    public void Amending_lists_exactly_the_changed_fields()
    {
        var amended = Sample.Profile with { Name = "Metro Line 3 Phase II (east extension)", LeadOfficial = "Director Li" };

        Spec.Given(Sample.Registered)
            .When(new AmendProject(amended))
            .Then(new ProjectAmended(Sample.ProjectId, amended, ["name", "leadOfficial"]));
    }

    [Fact]
    public void Amending_every_field_outside_the_plan_lists_them_all_in_order()
    {
        var amended = new ProjectProfile
        {
            Name = "Ring road north section",
            Category = Sample.Profile.Category,
            District = Sample.Profile.District,
            ResponsibleUnit = "City Transport Investment Group",
            ContactEmail = "ring@example.gov.cn",
            LeadOfficial = "Director Wang",
            PlanPeriod = PlanPeriod.Fifteenth,
            Cluster = "North",
            Sector = "Luolong",
            Programme = "Road network",
            IsPublic = true,
            Description = "Closes the ring.",
        };

        Spec.Given(Sample.Registered)
            .When(new AmendProject(amended))
            .Then(new ProjectAmended(Sample.ProjectId, amended,
            [
                "name", "responsibleUnit", "contactEmail", "leadOfficial", "planPeriod", "cluster", "sector", "programme", "isPublic", "description",
            ]));
    }

    [Fact]
    public void Clearing_an_optional_field_is_a_change()
    {
        var before = Sample.Profile with { Cluster = "East" };

        Spec.Given(new ProjectRegistered(Sample.ProjectId, Sample.Code, before))
            .When(new AmendProject(before with { Cluster = null }))
            .Then(new ProjectAmended(Sample.ProjectId, Sample.Profile, ["cluster"]));
    }

    [Fact]
    public void Amending_with_an_equal_profile_changes_nothing() =>
        Spec.Given(Sample.Registered)
            .When(new AmendProject(Sample.Profile with { }))
            .ThenNothing();

    [Fact]
    public void An_amended_project_carries_the_new_profile()
    {
        var amended = Sample.Profile with { IsPublic = true };

        var project = Spec.Given(Sample.Registered, new ProjectAmended(Sample.ProjectId, amended, ["isPublic"])).State;

        Assert.Equal(amended, project?.Profile);
    }

    [Fact]
    public void Amending_to_a_blank_name_is_invalid() =>
        Spec.Given(Sample.Registered)
            .When(new AmendProject(Sample.Profile with { Name = " " }))
            .ThenFails(DomainErrorKind.Invalid, "name");

    [Fact]
    public void Amending_to_a_negative_total_investment_is_invalid() =>
        Spec.Given(Sample.Registered)
            .When(new AmendProject(Sample.Profile with { TotalInvestment = -1m }))
            .ThenFails(DomainErrorKind.Invalid, "totalInvestment");

    [Fact]
    public void Amending_to_an_unknown_category_is_invalid() =>
        Spec.Given(Sample.Registered)
            .When(new AmendProject(Sample.Profile with { Category = (Category)99 }))
            .ThenFails(DomainErrorKind.Invalid, "category");
}
