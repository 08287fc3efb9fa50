using System.Globalization;

namespace SyncOps.Bench.Infrastructure;

/// <summary>Prints a Markdown table, so a run's output can go into docs/benchmarks.md as it is.</summary>
internal sealed class ResultTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    public void Add(params object[] cells) =>
        _rows.Add([.. cells.Select(cell => cell switch
        {
            double d => d.ToString(d >= 100 ? "N0" : "0.###", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => cell.ToString() ?? "",
        })]);

    public void Print()
    {
        var widths = headers.Select((h, i) => Math.Max(h.Length, _rows.Count == 0 ? 0 : _rows.Max(r => r[i].Length))).ToArray();
        Console.WriteLine();
        Console.WriteLine("| " + string.Join(" | ", headers.Select((h, i) => h.PadRight(widths[i]))) + " |");
        Console.WriteLine("|" + string.Join("|", widths.Select(w => new string('-', w + 2))) + "|");
        foreach (var row in _rows)
        {
            Console.WriteLine("| " + string.Join(" | ", row.Select((c, i) => i == 0 ? c.PadRight(widths[i]) : c.PadLeft(widths[i]))) + " |");
        }

        Console.WriteLine();
    }
}
