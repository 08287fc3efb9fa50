namespace SyncOps.Bench.Infrastructure;

/// <summary>The benchmark to run and its sizes, from the command line.</summary>
internal sealed record BenchOptions(string Name, int Items, long Rows, int Organizations, bool Explain)
{
    private static readonly string[] s_names = ["progress", "activity", "eta", "scheduler", "retention", "activity-upkeep", "all"];

    /// <summary>Schedules for the scheduler benchmark (<c>--schedules N</c>).</summary>
    public int Schedules { get; init; } = 10_000;

    /// <summary>Rows in the month the retention benchmark removes (<c>--month-rows N</c>).</summary>
    public long MonthRows { get; init; } = 833_333;

    public bool Runs(string benchmark) => Name == "all" || Name == benchmark;

    public static BenchOptions? Parse(string[] args)
    {
        if (args.Length == 0 || !s_names.Contains(args[0]))
        {
            return null;
        }

        var items = 100_000;
        var rows = 10_000_000L;
        var organizations = 1000;
        var explain = false;
        var schedules = 10_000;
        var monthRows = 833_333L;
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--items" when i + 1 < args.Length:
                    items = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture);
                    break;
                case "--rows" when i + 1 < args.Length:
                    rows = long.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture);
                    break;
                case "--orgs" when i + 1 < args.Length:
                    organizations = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture);
                    break;
                case "--schedules" when i + 1 < args.Length:
                    schedules = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture);
                    break;
                case "--month-rows" when i + 1 < args.Length:
                    monthRows = long.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture);
                    break;
                case "--explain":
                    explain = true;
                    break;
                default:
                    return null;
            }
        }

        return new BenchOptions(args[0], items, rows, organizations, explain) { Schedules = schedules, MonthRows = monthRows };
    }
}
