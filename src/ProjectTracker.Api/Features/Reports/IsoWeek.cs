using System.Globalization;
using ProjectTracker.Api.Infrastructure;
using ProjectTracker.Domain.Schedule;

namespace ProjectTracker.Api.Features.Reports;

// Days in Asia/Shanghai.
public readonly record struct IsoWeek(int Year, int Week)
{
    public DateOnly Monday => DateOnly.FromDateTime(ISOWeek.ToDateTime(Year, Week, DayOfWeek.Monday));

    public DateOnly Sunday => Monday.AddDays(6);

    public DateTimeOffset Starts => ShanghaiCalendar.EndOfDay(Monday.AddDays(-1));

    public DateTimeOffset Ends => ShanghaiCalendar.EndOfDay(Sunday);

    public IsoWeek Previous => Of(Monday.AddDays(-7));

    public IsoWeek Next => Of(Monday.AddDays(7));

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-W{Week:D2}");

    public static IsoWeek Of(DateOnly day)
    {
        var date = day.ToDateTime(TimeOnly.MinValue);
        return new IsoWeek(ISOWeek.GetYear(date), ISOWeek.GetWeekOfYear(date));
    }

    public static IsoWeek Containing(DateTimeOffset now) => Of(ShanghaiCalendar.Today(now));

    public static IsoWeek Parse(string? value, string field = "isoWeek")
    {
        var text = value?.Trim() ?? "";
        if (text.Length == 8
            && text[4] == '-'
            && text[5] is 'W' or 'w'
            && int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            && int.TryParse(text.AsSpan(6, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var week)
            && PlanDates.IsPlannableYear(year)
            && week >= 1
            && week <= ISOWeek.GetWeeksInYear(year))
        {
            return new IsoWeek(year, week);
        }

        throw new BadInputException(field, "An ISO week is written 2026-W48: the year, -W, and the week (01 to 52, or 53 in a long year).");
    }
}
