using System.Globalization;
using ProjectTracker.Domain.Schedule;

namespace ProjectTracker.Api.Infrastructure;

// A date means the end of that day in Shanghai.
public sealed record AsOf(DateTimeOffset Instant, DateOnly Day)
{
    public static AsOf? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) && day != DateOnly.MaxValue)
        {
            // The stored timestamps have microsecond precision: one microsecond before midnight is the day's last instant.
            return new AsOf(ShanghaiCalendar.EndOfDay(day).AddTicks(-10).ToUniversalTime(), day);
        }

        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant) && HasOffset(value))
        {
            return new AsOf(instant.ToUniversalTime(), ShanghaiCalendar.Today(instant));
        }

        throw new ArgumentException($"Not a point in time: '{value}'.", nameof(value));
    }

    public static string? Problem(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            // Its end is the first instant of a day the calendar does not have.
            return day == DateOnly.MaxValue ? "The last date that can be given is 9999-12-30." : null;
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out _) && HasOffset(value)
            ? null
            : "Give a date (2026-11-27) or an RFC 3339 instant with an offset (2026-11-27T09:00:00+08:00).";
    }

    // A bare local time would be ambiguous.
    private static bool HasOffset(string value) =>
        value.EndsWith('Z') || value.EndsWith('z') || (value.Length > 6 && value[^6] is '+' or '-' && value[^3] == ':');
}
