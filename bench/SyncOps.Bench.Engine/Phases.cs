using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace SyncOps.Bench.Engine;

/// <summary>
/// Times a phase and prints its row: items, seconds, items/min, peak memory, and the machine's load average before and
/// after (the machine is shared, so every number carries its load). Each phase starts after a CHECKPOINT, so one
/// phase's dirty pages are not written during the next.
/// </summary>
internal sealed class Phases(MemorySampler memory, NpgsqlDataSource dataSource)
{
    public Task<Measured> RunAsync(string what, Func<Task<int>> body) => RunAsync(() => what, body);

    public async Task<Measured> RunAsync(Func<string> what, Func<Task<int>> body)
    {
        await using (var checkpoint = dataSource.CreateCommand("checkpoint"))
        {
            await checkpoint.ExecuteNonQueryAsync();
        }

        var load = LoadAverage();
        memory.Reset();
        var clock = Stopwatch.StartNew();
        var items = await body();
        var peak = memory.Peak;
        var measured = new Measured(items, clock.Elapsed, peak.WorkingSet);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {what()} | {items:N0} | {measured.Elapsed.TotalSeconds:0.00} s | {measured.Rate:N0} items/min | peak working set {Mib(peak.WorkingSet)} MiB, managed heap {Mib(peak.Managed)} MiB (live after full GC {Mib(peak.Live)} MiB, large objects {Mib(peak.LargeObjects)} MiB, GC committed {Mib(peak.Committed)} MiB, {peak.Gen2Collections} gen2 GCs of {peak.Gen1Collections} gen1 and {peak.Gen0Collections} gen0, allocated {peak.Allocated / Math.Max(1, items) / 1024.0:0.0} KiB/item) | load {load} -> {LoadAverage()} |"));
        return measured;
    }

    private static string Mib(long bytes) => (bytes / 1048576.0).ToString("0", CultureInfo.InvariantCulture);

    /// <summary>Empties <c>customers</c> so every phase writes into an empty table, as the COPY did.</summary>
    public async Task EmptyCustomersAsync()
    {
        await using var command = dataSource.CreateCommand("truncate public.customers");
        await command.ExecuteNonQueryAsync();
    }

    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    public static async Task<string> SettingAsync(NpgsqlDataSource dataSource, string name)
    {
        await using var command = dataSource.CreateCommand($"select current_setting('{name}')");
        return (string)(await command.ExecuteScalarAsync())!;
    }

    public static async Task<string> TableSizeAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand(
            "select pg_size_pretty(pg_table_size('public.customers')) || ' table, ' || pg_size_pretty(pg_indexes_size('public.customers')) || ' indexes'");
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
