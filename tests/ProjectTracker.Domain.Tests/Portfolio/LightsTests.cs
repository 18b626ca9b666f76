using ProjectTracker.Domain.Portfolio;

namespace ProjectTracker.Domain.Tests.Portfolio;

/// <summary>Given lights, when they are compared or ranked, then red is worst, then amber, then green.</summary>
public sealed class LightsTests
{
    [Fact]
    public void Red_is_worse_than_amber_and_amber_worse_than_green()
    {
        Assert.True(Rag.Red.IsWorseThan(Rag.Amber));
        Assert.True(Rag.Amber.IsWorseThan(Rag.Green));
        Assert.False(Rag.Green.IsWorseThan(Rag.Amber));
        Assert.False(Rag.Amber.IsWorseThan(Rag.Amber));
    }

    [Fact]
    public void The_worst_of_several_lights_is_the_one_shown()
    {
        Assert.Equal(Rag.Red, new[] { Rag.Amber, Rag.Red, Rag.Green }.Worst());
        Assert.Equal(Rag.Amber, new[] { Rag.Green, Rag.Amber }.Worst());
    }

    [Fact]
    public void With_no_lights_at_all_the_worst_is_green()
    {
        Assert.Equal(Rag.Green, Array.Empty<Rag>().Worst());
    }

    [Fact]
    public void Worst_first_puts_red_before_amber_before_green_and_keeps_equal_lights_in_order()
    {
        var items = new[] { ("a", Rag.Green), ("b", Rag.Red), ("c", Rag.Amber), ("d", Rag.Red) };

        var ranked = items.WorstFirst(i => i.Item2).Select(i => i.Item1);

        Assert.Equal(["b", "d", "c", "a"], ranked);
    }

    [Fact]
    public void Worst_last_puts_red_at_the_end_so_a_map_draws_it_on_top()
    {
        var items = new[] { ("a", Rag.Red), ("b", Rag.Green), ("c", Rag.Amber) };

        var drawn = items.WorstLast(i => i.Item2).Select(i => i.Item1);

        Assert.Equal(["b", "c", "a"], drawn);
    }

    [Fact]
    public void Then_worst_first_breaks_ties_of_an_earlier_ordering()
    {
        var items = new[] { (Day: 1, Light: Rag.Amber), (Day: 2, Light: Rag.Green), (Day: 2, Light: Rag.Red) };

        var ranked = items.OrderByDescending(i => i.Day).ThenWorstFirst(i => i.Light);

        Assert.Equal([(2, Rag.Red), (2, Rag.Green), (1, Rag.Amber)], ranked);
    }

    [Theory]
    [InlineData(Rag.Red, "红灯")]
    [InlineData(Rag.Amber, "黄灯")]
    [InlineData(Rag.Green, "绿灯")]
    public void A_light_is_named_as_officials_name_it(Rag light, string name)
    {
        Assert.Equal(name, light.ChineseName());
    }
}
