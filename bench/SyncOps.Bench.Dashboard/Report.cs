using System.Text;
using static SyncOps.Bench.Dashboard.Stats;

namespace SyncOps.Bench.Dashboard;

internal static class Report
{
    public const string Heading = "## Dashboard (issue 5)";

    public static string Markdown(List<double> sse, List<double> polling, int missing, List<LoadRun.Result> results)
    {
        var seconds = LoadRun.Duration.TotalSeconds;
        var text = new StringBuilder();
        text.AppendLine(Heading).AppendLine();
        text.AppendLine($"`dotnet run -c Release --project bench/SyncOps.Bench.Dashboard` ({Environment.ProcessorCount} cores shared with other work: CPU figures are noisy, compare within a run).").AppendLine();
        text.AppendLine($"### Latency: progress write committed → shown in the browser ({LatencyRun.Writes} writes, 5 syncs, each written every 250 ms)").AppendLine();
        text.AppendLine("| Way | shown | p50 | p95 | max |").AppendLine("|---|---|---|---|---|");
        text.AppendLine($"| SSE dashboard (Chromium, rendered) | {sse.Count} of {LatencyRun.Writes} | {Ms(Percentile(sse, 50))} | {Ms(Percentile(sse, 95))} | {Ms(Percentile(sse, 100))} |");
        text.AppendLine($"| Guide's polling every 2 s (REST, response received) | {polling.Count} of {LatencyRun.Writes} | {Ms(Percentile(polling, 50))} | {Ms(Percentile(polling, 95))} | {Ms(Percentile(polling, 100))} |");
        text.AppendLine().AppendLine($"Writes not shown by the SSE page: {missing} (a newer value of the same sync was shown instead; coalescing).").AppendLine();
        text.AppendLine($"### Load: {LoadRun.Syncs} running syncs each reporting every second, {LoadRun.Dashboards} open dashboards, {seconds:0} s per way").AppendLine();
        text.AppendLine("| Way | server CPU | server RSS | requests/s | bytes/s to clients | updates received | age of an update on arrival p50 / p95 | progress writes |");
        text.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var r in results)
        {
            var name = r.Mode switch { "sse" => "SSE (this dashboard)", "poll" => "guide's 2 s polling", _ => "no dashboards (baseline)" };
            text.AppendLine($"| {name} | {F(r.CpuSeconds / seconds * 100)} % of a core | {F(r.RssMiB, "0")} MiB | {F(r.Requests / seconds)} | {F(r.Bytes / seconds / 1024)} KiB | {r.Updates} | {Ms(Percentile(r.AgesMs, 50))} / {Ms(Percentile(r.AgesMs, 95))} | {r.Writes} |");
        }

        text.AppendLine().AppendLine("SSE requests/s counts stream openings (one per dashboard). The SSE clients are plain HTTP readers (50 Chromiums do not fit on this machine); the latency run uses a real Chromium. " +
            "The writers, the 50 clients and the server share the machine's cores, so the writers reach fewer than the intended 200 writes/s and not the same number in each way: " +
            "the SSE server's work grows with writes (each change goes to every dashboard of the organisation, at most once per 200 ms per sync), the polling server's with dashboards and rows (each poll reads and sends all 200 rows).");
        return text.ToString();
    }

    /// <summary>Replaces (or appends) this section of docs/benchmarks.md, leaving the other helpers' sections alone.</summary>
    public static void WriteSection(string section)
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "SyncOps.sln")))
        {
            root = root.Parent;
        }

        var path = Path.Combine(root?.FullName ?? ".", "docs", "benchmarks.md");
        var existing = File.Exists(path) ? File.ReadAllText(path) : "# Benchmarks\n";
        var start = existing.IndexOf(Heading, StringComparison.Ordinal);
        if (start >= 0)
        {
            var next = existing.IndexOf("\n## ", start + Heading.Length, StringComparison.Ordinal);
            existing = existing[..start] + (next >= 0 ? existing[(next + 1)..] : "");
        }

        File.WriteAllText(path, existing.TrimEnd() + "\n\n" + section);
    }
}
