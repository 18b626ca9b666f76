using System.Globalization;
using ProjectTracker.Domain.Schedule;

namespace ProjectTracker.Domain.Tests.Schedule;

public class ShanghaiCalendarTests
{
    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();
    }

    [Theory]
    [InlineData("2026-06-15T10:00:00+08:00", "2026-06-15")]
    [InlineData("2026-06-15T00:00:00+08:00", "2026-06-15")]
    [InlineData("2026-06-15T15:59:59+00:00", "2026-06-15")]
    [InlineData("2026-06-15T16:00:00+00:00", "2026-06-16")]
    [InlineData("2026-06-15T23:30:00+00:00", "2026-06-16")]
    [InlineData("2026-06-15T20:00:00-05:00", "2026-06-16")]
    [InlineData("2026-12-31T16:00:00+00:00", "2027-01-01")]
    public void Today_is_the_calendar_day_in_shanghai(string now, string today) =>
        Assert.Equal(DateOnly.Parse(today, CultureInfo.InvariantCulture), ShanghaiCalendar.Today(DateTimeOffset.Parse(now, CultureInfo.InvariantCulture)));

    [Fact]
    public void Today_from_a_clock_reads_the_clock_in_shanghai() =>
        Assert.Equal(new DateOnly(2026, 6, 16), ShanghaiCalendar.Today(new FixedClock(new DateTimeOffset(2026, 6, 15, 23, 30, 0, TimeSpan.Zero))));

    [Fact]
    public void A_day_ends_at_midnight_shanghai_time() =>
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 16, 0, 0, TimeSpan.Zero), ShanghaiCalendar.EndOfDay(new DateOnly(2026, 11, 27)));

    [Fact]
    public void The_end_of_a_day_is_the_first_instant_of_the_next()
    {
        var day = new DateOnly(2026, 11, 27);
        var end = ShanghaiCalendar.EndOfDay(day);

        Assert.Equal((day, day.AddDays(1)), (ShanghaiCalendar.Today(end.AddTicks(-1)), ShanghaiCalendar.Today(end)));
    }

    [Fact]
    public void Shanghai_keeps_utc_plus_8_all_year()
    {
        Assert.Equal(TimeSpan.FromHours(8), ShanghaiCalendar.Zone.GetUtcOffset(new DateTimeOffset(2026, 1, 15, 0, 0, 0, TimeSpan.Zero)));
        Assert.Equal(TimeSpan.FromHours(8), ShanghaiCalendar.Zone.GetUtcOffset(new DateTimeOffset(2026, 7, 15, 0, 0, 0, TimeSpan.Zero)));
    }
}
