using System.Text.Json.Serialization;

namespace ProjectTracker.Domain.Portfolio;

/// <summary>Five-year plan periods (五年规划): 十四五 is 2021–2025, 十五五 is 2026–2030.</summary>
public enum PlanPeriod
{
    [JsonStringEnumMemberName("13th")] Thirteenth,
    [JsonStringEnumMemberName("14th")] Fourteenth,
    [JsonStringEnumMemberName("15th")] Fifteenth,
    [JsonStringEnumMemberName("16th")] Sixteenth,
}
