using System.Net.Http.Headers;
using System.Text.Json;
using SyncOps.Tracking;

namespace SyncOps.Bench.Dashboard;

/// <summary>
/// 200 running syncs each reporting once a second, watched by 50 dashboards: 50 SSE streams (this dashboard; plain
/// HTTP readers, since 50 Chromiums do not fit on the machine), 50 supabase-js realtime clients, or 50 loops of the
/// guide's 2-second polling through the REST API. Measures the server process's CPU and memory, requests, bytes, and the age of each update on arrival.
/// </summary>
internal static class LoadRun
{
    public const int Syncs = 200;
    public const int Dashboards = 50;
    public static readonly TimeSpan Duration = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Each way first runs <see cref="WarmupRounds"/> times this long unmeasured, each time with new clients: the server's
    /// code for it is then compiled (tiered JIT) as in a server that has been up a while, instead of compilation being
    /// counted against that way alone. Several rounds, because a code path run once per client (a stream's opening, 50
    /// times per round) reaches its final tier only after about 60 calls with dynamic PGO (30 uninstrumented, 30
    /// instrumented); with one 5 s round, perf (2026-12-03) found 85 % of the server's samples in the first 4 s of the
    /// measured SSE run in the tiered compilation thread.
    /// </summary>
    public static readonly TimeSpan Warmup = TimeSpan.FromSeconds(7);

    public const int WarmupRounds = 3;

    public sealed record Result(string Mode, double CpuSeconds, double RssMiB, long Requests, long Bytes, long Updates, List<double> AgesMs, long Writes)
    {
        /// <summary>The supabase-js clients' own CPU (one node process), for the realtime way.</summary>
        public double? ClientCpuSeconds { get; init; }
    }

    public static async Task<List<SyncProgress>> StartSyncsAsync(BenchContext bench, string org, Guid user)
    {
        var syncs = new List<SyncProgress>();
        for (var i = 0; i < Syncs; i++)
        {
            syncs.Add(await bench.Tracker.StartAsync(new StartSync(org, i % 2 == 0 ? "order" : "customer", "woocommerce", 10_000_000, user, SyncId: $"bench-load-{i}")));
        }

        return syncs;
    }

    /// <summary>
    /// One way for <see cref="Duration"/>: "none" (writers only), "sse", "realtime" (supabase-js clients) or "poll". Each
    /// dashboard is a different user of the organisation (<paramref name="tokens"/>), as 50 open dashboards would be.
    /// </summary>
    public static async Task<Result> RunAsync(
        BenchContext bench, string mode, List<SyncProgress> syncs, string org, IReadOnlyList<string> tokens, string anonKey, TimeSpan duration)
    {
        await using var realtime = mode == "realtime" ? await RealtimeClients.StartAsync(bench.Server.Url, anonKey, org, tokens) : null;
        using var stop = new CancellationTokenSource();
        var ages = new List<double>();
        long requests = mode == "realtime" ? tokens.Count : 0, bytes = 0, updates = 0;
        // The SSE streams are open (their snapshot received) before the measurement starts, as the realtime clients'
        // joins are: 50 dashboards that stay open, not 50 opened within the 15 s (opening one costs the server a
        // snapshot read as that user; measured apart in docs/benchmarks.md).
        var opened = Enumerable.Range(0, mode == "sse" ? Dashboards : 0).Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToList();
        var clients = Enumerable.Range(0, mode is "sse" or "poll" ? Dashboards : 0).Select(async i =>
        {
            var token = tokens[i % tokens.Count];
            var (r, b, u, a) = mode == "sse" ? await StreamAsync(bench.Server.Url, token, opened[i], stop.Token) : await PollAsync(bench.Server.Url, org, token, stop.Token);
            lock (ages)
            {
                requests += r;
                bytes += b;
                updates += u;
                ages.AddRange(a);
            }
        }).ToList();
        await Task.WhenAll(opened.Select(o => o.Task));
        var cpuBefore = bench.Server.CpuSeconds();
        stop.CancelAfter(duration);
        var writers = Enumerable.Range(0, 4).Select(w => WriteAsync(bench.Tracker, org, syncs.Where((_, i) => i % 4 == w).ToList(), stop.Token)).ToList();
        await Task.WhenAll(clients);
        var writes = (await Task.WhenAll(writers)).Sum();
        var cpu = bench.Server.CpuSeconds() - cpuBefore;
        double? clientCpu = null;
        if (realtime is not null)
        {
            (updates, var received, var nodeCpu) = await realtime.StopAsync();
            ages.AddRange(received);
            clientCpu = nodeCpu;
        }

        return new Result(mode, cpu, bench.Server.RssMiB(), requests, bytes, updates, ages, writes) { ClientCpuSeconds = clientCpu };
    }

    /// <summary>Each sync reports once a second (a throttled reporter's pace), spread evenly.</summary>
    private static async Task<long> WriteAsync(SyncTracker tracker, string org, List<SyncProgress> syncs, CancellationToken ct)
    {
        var spacing = TimeSpan.FromSeconds(1.0 / syncs.Count);
        long writes = 0;
        var processed = new int[syncs.Count];
        while (!ct.IsCancellationRequested)
        {
            for (var i = 0; i < syncs.Count && !ct.IsCancellationRequested; i++)
            {
                processed[i] += 100;
                await tracker.ReportAsync(org, syncs[i].SyncId, processed[i] + syncs[i].ProcessedCount, 0, cancellationToken: CancellationToken.None);
                writes++;
                await Task.Delay(spacing, CancellationToken.None);
            }
        }

        return writes;
    }

    private static async Task<(long, long, long, List<double>)> StreamAsync(string url, string token, TaskCompletionSource opened, CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        using var request = new HttpRequestMessage(HttpMethod.Get, url + "/api/live");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var ages = new List<double>();
        long bytes = 0, updates = 0;
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct));
            while (await reader.ReadLineAsync(ct) is { } line)
            {
                bytes += line.Length + 1;
                if (!opened.Task.IsCompleted)
                {
                    if (line.StartsWith("data: ", StringComparison.Ordinal))
                    {
                        bytes = 0; // the snapshot: before the measurement
                        opened.TrySetResult();
                    }

                    continue;
                }

                if (line.StartsWith("data: ", StringComparison.Ordinal) &&
                    JsonDocument.Parse(line[6..]).RootElement is var message && message.GetProperty("type").GetString() == "sync")
                {
                    var sync = message.GetProperty("sync");
                    ages.Add(LatencyRun.NowMs() - (sync.GetProperty("updated_at").GetDateTimeOffset() - DateTimeOffset.UnixEpoch).TotalMilliseconds);
                    updates++;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // the run is over
        }
        finally
        {
            opened.TrySetException(new InvalidOperationException("an SSE stream ended before its snapshot"));
        }

        return (1, bytes, updates, ages);
    }

    private static async Task<(long, long, long, List<double>)> PollAsync(string url, string org, string token, CancellationToken ct)
    {
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var path = $"{url}/rest/v1/sync_progress?select=*&org_id=eq.{org}&completed_at=is.null&order=updated_at.desc";
        var ages = new List<double>();
        var last = new Dictionary<string, string>();
        long requests = 0, bytes = 0, updates = 0;
        // Dashboards open at different moments, as real ones do.
        await Task.Delay(Random.Shared.Next(2_000), CancellationToken.None);
        while (!ct.IsCancellationRequested)
        {
            var body = await http.GetStringAsync(path, CancellationToken.None);
            var at = LatencyRun.NowMs();
            requests++;
            bytes += body.Length;
            foreach (var row in JsonDocument.Parse(body).RootElement.EnumerateArray())
            {
                var id = row.GetProperty("sync_id").GetString()!;
                var updated = row.GetProperty("updated_at").GetString()!;
                if (!last.TryGetValue(id, out var previous) || previous != updated)
                {
                    last[id] = updated;
                    updates++;
                    ages.Add(at - (DateTimeOffset.Parse(updated, System.Globalization.CultureInfo.InvariantCulture) - DateTimeOffset.UnixEpoch).TotalMilliseconds);
                }
            }

            try
            {
                await Task.Delay(2_000, ct);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return (requests, bytes, updates, ages);
    }
}
