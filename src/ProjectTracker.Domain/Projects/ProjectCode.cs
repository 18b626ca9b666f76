using System.Text.RegularExpressions;
using ProjectTracker.Domain.Schedule;

namespace ProjectTracker.Domain.Projects;

// 项目代码 (GB/T 40058-2021): the national approval platform issues it and other systems identify projects by it.
public static partial class ProjectCode
{
    public const string Shape = "YYYY-AAAAAA-BB-CC-NNNNNN";

    // [0-9], not \d (which takes full-width and other Unicode digits), and \z, not $ (which allows a trailing newline).
    [GeneratedRegex(@"^(?<year>[0-9]{4})-[0-9]{6}-[0-9]{2}-[0-9]{2}-[0-9]{6}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    // Shape only: the check digit's algorithm is not published, and an issued code must never be refused.
    public static bool IsWellFormed(string? code)
    {
        if (code is null)
        {
            return false;
        }

        var match = Pattern().Match(code);
        return match.Success && PlanDates.IsPlannableYear(int.Parse(match.Groups["year"].Value, System.Globalization.CultureInfo.InvariantCulture));
    }
}
