using ProjectTracker.Domain.Schedule;

namespace ProjectTracker.Domain.Tests.Schedule;

public class EarnedScheduleTests
{
    private static readonly DateOnly Start = new(2026, 1, 1);

    // Key milestones planned at day 0, 100, 200 and 300 after the start.
    private static (DateOnly, bool)[] Keys(int done) => [.. new[] { 0, 100, 200, 300 }.Select((d, i) => (Start.AddDays(d), i < done))];

    [Fact]
    public void On_plan_the_time_earned_equals_the_time_spent() =>
        Assert.Equal(new EarnedSchedule(1.00m, Start.AddDays(200)), EarnedSchedule.Of(Keys(done: 3), Start.AddDays(200)));

    [Fact]
    public void Behind_plan_the_index_is_below_one_and_the_earned_date_lies_back_in_the_plan() =>
        Assert.Equal(new EarnedSchedule(0.40m, Start.AddDays(100)), EarnedSchedule.Of(Keys(done: 2), Start.AddDays(250)));

    [Fact]
    public void Ahead_of_plan_the_index_is_above_one() =>
        Assert.Equal(new EarnedSchedule(1.33m, Start.AddDays(200)), EarnedSchedule.Of(Keys(done: 3), Start.AddDays(150)));

    [Fact]
    public void Nothing_done_after_the_start_earns_nothing() =>
        Assert.Equal(new EarnedSchedule(0m, Start), EarnedSchedule.Of(Keys(done: 0), Start.AddDays(30)));

    [Fact]
    public void Before_the_start_or_without_key_milestones_there_is_no_index()
    {
        Assert.Null(EarnedSchedule.Of(Keys(done: 0), Start));
        Assert.Null(EarnedSchedule.Of([], Start.AddDays(30)));
    }
}
