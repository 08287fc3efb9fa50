using System.Net;
using System.Net.Sockets;
using Microsoft.Playwright;
using Npgsql;
using SyncOps.Bench.Dashboard;
using SyncOps.Database;
using SyncOps.Embedded;
using SyncOps.Operations;
using SyncOps.Server.Auth;
using SyncOps.Tracking;

// Issues 5 and 11's benchmark, in one run: (1) latency from a progress write committing to the browser showing it, SSE
// vs the guide's 2 s polling; (2) the server's CPU and memory with 200 running syncs and 50 open dashboards: SSE,
// supabase-js realtime clients and polling, with commit-to-callback latency under that load. Writes the "## Dashboard"
// section of docs/benchmarks.md. Run: dotnet run -c Release --project bench/SyncOps.Bench.Dashboard [-- mode ...]
// (needs `npm ci` in compat/ for the realtime clients).
const string secret = "bench-secret-bench-secret-bench-secret-0123456789";
var directory = Path.Combine(Path.GetTempPath(), "syncops-bench-dashboard-" + Guid.NewGuid().ToString("N")[..8]);
var cluster = new EmbeddedPostgres(directory, durable: false);
var url = await cluster.StartAsync();
try
{
    await using var dataSource = NpgsqlDataSource.Create(SyncOpsDatabase.ConnectionString(url, "syncops-bench"));
    await new Migrator(dataSource).MigrateAsync();
    // The throw-away cluster runs without fsync and with synchronous_commit off. Logical decoding hands a commit over
    // only once its WAL is flushed, which with synchronous_commit off waits for the WAL writer (wal_writer_delay,
    // 200 ms): realtime's latency would measure that setting. Production databases (Supabase's too) commit
    // synchronously; so does this one now, fsync still off.
    await using (var synchronous = dataSource.CreateBatch())
    {
        synchronous.BatchCommands.Add(new NpgsqlBatchCommand("alter system set synchronous_commit = on"));
        synchronous.BatchCommands.Add(new NpgsqlBatchCommand("select pg_reload_conf()"));
        await synchronous.ExecuteNonQueryAsync();
    }
    var organizations = new Organizations(dataSource);
    var issuer = new JwtIssuer(secret, TimeProvider.System);
    var tracker = new SyncTracker(dataSource, TimeProvider.System);
    await using var server = await ServerProcess.StartAsync(url, secret, FreePort());
    var bench = new BenchContext(server, tracker);
    Console.WriteLine($"server pid {server.ProcessId}");
    // --load-only: the load ways alone, printed and not written to docs/benchmarks.md (for profiling the server).
    var loadOnly = args.Contains("--load-only");
    var modes = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray();

    Console.WriteLine("latency: 500 writes, Chromium on the dashboard + the guide's 2 s polling loop ...");
    var latencyOrg = "org-bench-latency";
    var latencyUser = await organizations.AddUserAsync(latencyOrg, email: "latency@example.com");
    var latencyToken = issuer.UserToken(latencyUser, TimeSpan.FromHours(1));
    using var playwright = await Playwright.CreateAsync();
    await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = "/usr/bin/chromium",
        Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
    });
    var (sse, polling, missing) = loadOnly ? (new List<double>(), new List<double>(), 0) : await LatencyRun.RunAsync(bench, browser, latencyOrg, latencyUser, latencyToken);
    Console.WriteLine($"  SSE p50 {Stats.Ms(Stats.Percentile(sse, 50))} p95 {Stats.Ms(Stats.Percentile(sse, 95))}; polling p50 {Stats.Ms(Stats.Percentile(polling, 50))}");

    Console.WriteLine("load: 200 syncs reporting every second, 50 dashboards ...");
    var loadOrg = "org-bench-load";
    var loadUsers = new List<Guid>();
    for (var i = 0; i < LoadRun.Dashboards; i++)
    {
        loadUsers.Add(await organizations.AddUserAsync(loadOrg, email: $"load-{i}@example.com"));
    }

    var loadTokens = loadUsers.Select(u => issuer.UserToken(u, TimeSpan.FromHours(1))).ToList();
    var syncs = await LoadRun.StartSyncsAsync(bench, loadOrg, loadUsers[0]);
    var results = new List<LoadRun.Result>();
    var loadBefore = LoadAverage();
    // Realtime last: its change feed (a replication connection decoding the WAL) then runs for the rest of the server's
    // life, and would otherwise be counted against the ways measured after it.
    foreach (var mode in modes.Length > 0 ? modes : ["none", "sse", "poll", "realtime"])
    {
        Console.WriteLine($"  {mode} ...");
        for (var round = 0; round < LoadRun.WarmupRounds; round++)
        {
            await LoadRun.RunAsync(bench, mode, syncs, loadOrg, loadTokens, issuer.AnonKey(), LoadRun.Warmup);
        }

        results.Add(await LoadRun.RunAsync(bench, mode, syncs, loadOrg, loadTokens, issuer.AnonKey(), LoadRun.Duration));
    }

    var report = Report.Markdown(sse, polling, missing, results, $"{loadBefore} at the start of the load runs, {LoadAverage()} at the end");
    Console.WriteLine(report);
    if (!loadOnly)
    {
        Report.WriteSection(report);
    }
}
finally
{
    await cluster.StopAsync();
    Directory.Delete(directory, recursive: true);
}

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}

static string LoadAverage() => string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
