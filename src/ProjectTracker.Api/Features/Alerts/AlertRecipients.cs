namespace ProjectTracker.Api.Features.Alerts;

// One recipient per address, with every reason it receives the alert, in the order first added.
internal sealed class AlertRecipients
{
    private readonly Dictionary<string, List<RecipientRole>> roles = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> order = [];

    public void Add(string? email, RecipientRole role)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            return;
        }

        var address = email.Trim();
        if (!roles.TryGetValue(address, out var held))
        {
            roles[address] = held = [];
            order.Add(address);
        }

        if (!held.Contains(role))
        {
            held.Add(role);
        }
    }

    public IReadOnlyList<AlertRecipient> ToList() =>
        [.. order.Select(address => new AlertRecipient { Email = address, Roles = roles[address], Status = DeliveryStatus.Pending })];
}
