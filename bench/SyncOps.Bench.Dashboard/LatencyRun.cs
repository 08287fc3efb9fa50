using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Playwright;
using SyncOps.Tracking;

namespace SyncOps.Bench.Dashboard;

/// <summary>
/// Latency from a progress write committing to the browser showing it: 500 writes spread over 5 syncs (each sync
/// written every 250 ms), watched by a real Chromium on the dashboard (SSE) and, at the same time, by the guide's
/// dashboard loop (GET sync_progress every 2 s through the REST API).
/// </summary>
internal static class LatencyRun
{
    public const int Writes = 500;
    private const int Syncs = 5;
    private static readonly TimeSpan s_spacing = TimeSpan.FromMilliseconds(50);

    // Records, per "org/sync|processed", when the Active table first showed it (wall clock, ms since the epoch).
    private const string ObserverScript =
        """
        () => { window.__seen = {}; document.addEventListener('syncops:rendered', () => {
          const at = performance.timeOrigin + performance.now();
          document.querySelectorAll('#active-list tr[data-sync]').forEach(tr => {
            const k = tr.dataset.sync + '|' + tr.querySelector('[data-field=counts]').textContent.split(' / ')[0].replace(/,/g, '');
            if (!(k in window.__seen)) window.__seen[k] = at; }); }); }
        """;

    public static async Task<(List<double> Sse, List<double> Polling, int Missing)> RunAsync(
        BenchContext bench, IBrowser browser, string org, Guid user, string token)
    {
        var syncs = new List<SyncProgress>();
        for (var i = 0; i < Syncs; i++)
        {
            syncs.Add(await bench.Tracker.StartAsync(new StartSync(org, "product", "woocommerce", 1_000_000, user, SyncId: $"bench-latency-{i}")));
        }

        await using var context = await browser.NewContextAsync();
        await context.AddCookiesAsync([new Cookie { Name = "syncops_session", Value = token, Url = bench.Server.Url }]);
        var page = await context.NewPageAsync();
        await page.GotoAsync(bench.Server.Url + "/");
        await Assertions.Expect(page.Locator("#live-state")).ToHaveTextAsync("live");
        await page.EvaluateAsync(ObserverScript);

        using var stop = new CancellationTokenSource();
        var polls = new ConcurrentQueue<(double At, Dictionary<string, int> Processed)>();
        var poller = PollAsync(bench.Server.Url, org, token, polls, stop.Token);

        var commits = new List<(string Key, int Processed, double At)>();
        for (var i = 0; i < Writes; i++)
        {
            var sync = syncs[i % Syncs];
            var processed = (i / Syncs) + 1;
            await bench.Tracker.ReportAsync(org, sync.SyncId, processed, 0);
            commits.Add(($"{org}/{sync.SyncId}", processed, NowMs()));
            await Task.Delay(s_spacing);
        }

        await Task.Delay(2_500);
        await stop.CancelAsync();
        await poller;
        var seen = await page.EvaluateAsync<Dictionary<string, double>>("() => window.__seen");

        var sse = new List<double>();
        var polling = new List<double>();
        var missing = 0;
        foreach (var (key, processed, at) in commits)
        {
            if (seen.TryGetValue($"{key}|{processed}", out var shown))
            {
                sse.Add(shown - at);
            }
            else
            {
                missing++; // coalesced away: a newer value was shown instead
            }

            var syncId = key[(key.IndexOf('/', StringComparison.Ordinal) + 1)..];
            var firstPoll = polls.Where(p => p.At >= at && p.Processed.TryGetValue(syncId, out var v) && v >= processed).Select(p => p.At).DefaultIfEmpty(double.NaN).Min();
            if (!double.IsNaN(firstPoll))
            {
                polling.Add(firstPoll - at);
            }
        }

        return (sse, polling, missing);
    }

    /// <summary>The guide's React dashboard: every 2 s, the organisation's active syncs through the REST API.</summary>
    private static async Task PollAsync(
        string url, string org, string token, ConcurrentQueue<(double, Dictionary<string, int>)> polls, CancellationToken ct)
    {
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var path = $"{url}/rest/v1/sync_progress?select=*&org_id=eq.{org}&completed_at=is.null&order=updated_at.desc";
        while (!ct.IsCancellationRequested)
        {
            var body = await http.GetStringAsync(path, CancellationToken.None);
            var at = NowMs();
            var rows = JsonDocument.Parse(body).RootElement.EnumerateArray()
                .ToDictionary(r => r.GetProperty("sync_id").GetString()!, r => r.GetProperty("processed_count").GetInt32());
            polls.Enqueue((at, rows));
            try
            {
                await Task.Delay(2_000, ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Wall clock in ms since the epoch, with sub-millisecond precision (the browser's clock is the same machine's).</summary>
    public static double NowMs() => (TimeProvider.System.GetUtcNow() - DateTimeOffset.UnixEpoch).TotalMilliseconds;
}
