using System.Text;

namespace ProjectTracker.Bench;

/// <summary>A plain-text table with a header row, "|"-separated columns and a rule under the header.</summary>
public sealed class TextTable(params string[] headers)
{
    private readonly List<string[]> rows = [];

    public void Add(params string[] cells) => rows.Add(cells);

    public override string ToString()
    {
        var all = rows.Prepend(headers).ToList();
        var widths = headers.Select((_, i) => all.Max(r => i < r.Length ? r[i].Length : 0)).ToArray();
        var text = new StringBuilder();
        for (var r = 0; r < all.Count; r++)
        {
            var cells = all[r].Select((c, i) => i == 0 ? c.PadRight(widths[i]) : c.PadLeft(widths[i]));
            text.Append(string.Join(" | ", cells).TrimEnd()).Append('\n');
            if (r == 0)
            {
                text.Append(string.Join("-+-", widths.Select(w => new string('-', w)))).Append('\n');
            }
        }

        return text.ToString();
    }
}
