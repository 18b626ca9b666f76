using System.Text.Json.Serialization;

namespace ProjectTracker.Domain.Portfolio;

public enum PlanPeriod
{
    [JsonStringEnumMemberName("13th")] Thirteenth,
    [JsonStringEnumMemberName("14th")] Fourteenth,
    [JsonStringEnumMemberName("15th")] Fifteenth,
    [JsonStringEnumMemberName("16th")] Sixteenth,
}
