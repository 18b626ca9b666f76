namespace ProjectTracker.Chaos;

/// <summary>Every acknowledged write against what the histories recorded.</summary>
public sealed record Verdict(
    int Acknowledged,
    int Replayed,
    int Refused,
    int Unanswered,
    int Lost,
    int Twice,
    int Phantoms,
    int KeysInProgress,
    TimeSpan LongestInProgress,
    bool NoServerErrors,
    IReadOnlyList<string> Problems)
{
    /// <summary>How long a key may answer "in progress" after a fault before the run fails.</summary>
    public static readonly TimeSpan InProgressLimit = TimeSpan.FromSeconds(30);

    public bool Passed =>
        Lost == 0 && Twice == 0 && Phantoms == 0 && Unanswered == 0 && Refused == 0 && NoServerErrors && LongestInProgress <= InProgressLimit && Acknowledged > 0;

    public static Verdict Judge(Ledger ledger, IReadOnlyList<(string Key, Guid ProjectId, string Type)> recorded)
    {
        var problems = new List<string>();
        var times = recorded.GroupBy(r => r.Key).ToDictionary(g => g.Key, g => g.ToList());
        var writes = ledger.Writes.Values.ToList();
        var acknowledged = writes.Where(w => w.Status is >= 200 and < 300).ToList();
        var lost = 0;
        var twice = 0;
        foreach (var write in acknowledged)
        {
            var found = times.GetValueOrDefault(write.Key) ?? [];
            if (found.Count == 0)
            {
                lost++;
                problems.Add($"LOST {write.Kind} {write.Key} on project {write.ProjectId}");
            }
            else if (found.Count > 1)
            {
                twice++;
                problems.Add($"TWICE {write.Kind} {write.Key} on project {write.ProjectId}: {found.Count} events");
            }
            else if (found[0].ProjectId != write.ProjectId || found[0].Type != write.Kind)
            {
                problems.Add($"ELSEWHERE {write.Kind} {write.Key}: recorded as {found[0].Type} on {found[0].ProjectId}");
                lost++;
            }
        }

        var phantoms = 0;
        foreach (var (key, events) in times)
        {
            if (!ledger.Writes.TryGetValue(key, out var write) || write.Status is not (>= 200 and < 300))
            {
                // Recorded, but never sent or never acknowledged: a write no answer owned up to.
                phantoms++;
                problems.Add($"PHANTOM {events[0].Type} {key} on project {events[0].ProjectId} ({(write is null ? "never sent" : $"answered {write.Status}")})");
            }
        }

        var refused = writes.Where(w => w.Status >= 300).ToList();
        problems.AddRange(refused.Take(5).Select(w => $"REFUSED {w.Kind} {w.Key}: {w.Status}"));
        var unanswered = writes.Count(w => w.Status == 0);
        if (unanswered > 0)
        {
            problems.Add($"UNANSWERED {unanswered} writes still without a final answer when the run gave up");
        }

        var inProgress = writes.Where(w => w.LongestInProgress > TimeSpan.Zero).ToList();
        return new Verdict(
            acknowledged.Count,
            acknowledged.Count(w => w.Replayed),
            refused.Count,
            unanswered,
            lost,
            twice,
            phantoms,
            inProgress.Count,
            inProgress.Select(w => w.LongestInProgress).DefaultIfEmpty().Max(),
            ledger.ServerErrors.IsEmpty && ledger.ServerErrorsWhileHealthy.IsEmpty,
            problems);
    }
}
