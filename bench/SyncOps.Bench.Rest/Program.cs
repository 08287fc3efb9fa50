using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Logging;
using Npgsql;
using SyncOps.Bench.Rest;
using SyncOps.Configuration;
using SyncOps.Database;
using SyncOps.Embedded;
using SyncOps.Security;
using SyncOps.Server;
using SyncOps.Server.Auth;

// Issue 3's benchmark: progress updates through PATCH /rest/v1/sync_progress ... .single() (RLS on, user token) against
// the same UPDATE ... RETURNING * issued straight through Npgsql, 32 concurrent clients, in one run on one cluster; and
// (issue 13) an embedded read, sync_progress with its activity rows, against the same query written by hand as SQL.
// Usage: dotnet run -c Release --project bench/SyncOps.Bench.Rest [-- --updates-per-client N] [--rounds R]
// --rounds R measures the paths in R interleaved rounds (each path's N operations per client split over them) instead of
// one block per path, so that a load that changes during the run (other work on a shared machine) weighs on every path
// alike and the ratios between paths stay comparable; the default, 1, measures one block per path.
const int Clients = 32;
var perClient = Option("--updates-per-client", 300);
var rounds = Option("--rounds", 1);
if (perClient < 1 || rounds < 1 || perClient % rounds != 0)
{
    Console.Error.WriteLine("--updates-per-client and --rounds must be positive, and the first a multiple of the second");
    return 1;
}

const string Secret = "bench-secret-bench-secret-bench-secret-0123";
var loadAtStart = File.ReadAllText("/proc/loadavg").Split(' ');

var folder = Path.Combine(Path.GetTempPath(), "syncops-bench-rest-" + Guid.NewGuid().ToString("N")[..8]);
var cluster = new EmbeddedPostgres(folder, durable: false);
var url = await cluster.StartAsync();
// The same connection settings as `syncops serve` (SyncOpsServer.ServerConnectionString), for both paths.
await using var dataSource = NpgsqlDataSource.Create(SyncOpsServer.ServerConnectionString(url));
await new Migrator(dataSource).MigrateAsync();
// The product schema keeps no foreign key from the activity log to sync_progress (the audit trail outlives its syncs and
// may name none); the embedded-read comparison needs one for PostgREST's embedding to find the relationship, so this
// bench database alone gets it, before the server loads its schema cache.
await using (var key = dataSource.CreateCommand(
    "alter table public.sync_activity_log add constraint bench_activity_sync_fkey " +
    "foreign key (org_id, sync_id) references public.sync_progress (org_id, sync_id)"))
{
    await key.ExecuteNonQueryAsync();
}

await using var app = await SyncOpsServer.BuildAsync(new SyncOpsServerOptions
{
    Settings = new SyncOpsSettings(url, folder) { JwtSecret = Secret },
    Urls = "http://127.0.0.1:0", DataSource = dataSource, MinimumLogLevel = LogLevel.Warning,
});
await app.StartAsync();
try
{
    const string org = "org-bench";
    var userId = Guid.NewGuid();
    await using (var setup = dataSource.CreateCommand(
        """
        insert into public.organizations (org_id) values ('org-bench');
        insert into public.sync_progress (org_id, sync_id, entity_type, total_items)
        select 'org-bench', 'rest-' || i, 'customer', 1000000000 from generate_series(0, 31) i
        union all
        select 'org-bench', 'direct-' || i, 'customer', 1000000000 from generate_series(0, 31) i
        union all
        select 'org-bench', 'user-' || i, 'customer', 1000000000 from generate_series(0, 31) i
        union all
        select 'org-bench', 'embed-' || i, 'customer', 1000 from generate_series(0, 31) i;
        insert into public.sync_activity_log (org_id, sync_id, action, status, record_count, details)
        select 'org-bench', 'embed-' || i, 'batch', 'ok', j, jsonb_build_object('page', j)
        from generate_series(0, 31) i, generate_series(1, 20) j;
        """))
    {
        await setup.ExecuteNonQueryAsync();
    }

    await using (var user = dataSource.CreateCommand("insert into syncops_auth.users_extended (id, org_id) values ($1, 'org-bench')"))
    {
        user.Parameters.Add(new NpgsqlParameter { Value = userId });
        await user.ExecuteNonQueryAsync();
    }

    await using (var backend = dataSource.CreateCommand("select pg_backend_pid()"))
    {
        LatencyRecorder.Meter = CpuMeter.ForBackend((int)(await backend.ExecuteScalarAsync())!);
    }

    var token = new JwtIssuer(Secret, TimeProvider.System).UserToken(userId, TimeSpan.FromHours(1));
    using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Clients }) { BaseAddress = new Uri(app.Urls.First()) };

    async Task Rest(int client, int i)
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch,
            $"/rest/v1/sync_progress?org_id=eq.{org}&sync_id=eq.rest-{client}&select=*");
        request.Headers.TryAddWithoutValidation("apikey", token);
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        request.Headers.TryAddWithoutValidation("Content-Profile", "public");
        request.Headers.TryAddWithoutValidation("Prefer", "return=representation");
        request.Headers.TryAddWithoutValidation("Accept", "application/vnd.pgrst.object+json");
        request.Content = new StringContent($$"""{"processed_count":{{i + 1}},"failed_count":0,"current_item":{{i + 1}}}""", Encoding.UTF8);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode || !body.StartsWith('{'))
        {
            throw new InvalidOperationException($"REST update failed: {(int)response.StatusCode} {body}");
        }
    }

    // Every path prepares its statement, as the REST path does (PreparedShapes; a no-op where the pooled connection has
    // prepared it already), so that PostgreSQL's parse and plan cost the same on both sides of each comparison.
    async Task Direct(int client, int i)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(
            "update public.sync_progress set processed_count = $1, failed_count = 0, current_item = $1 " +
            "where org_id = $2 and sync_id = $3 returning *", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = i + 1 });
        command.Parameters.Add(new NpgsqlParameter { Value = org });
        command.Parameters.Add(new NpgsqlParameter { Value = "direct-" + client });
        await command.PrepareAsync();
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            throw new InvalidOperationException("direct update matched no row");
        }
    }

    // The same update as the REST path's user, straight through Npgsql and the same UserSession the REST API uses: role,
    // claims and statement timeout set in the same implicit transaction (one round trip), so RLS runs exactly as for
    // the REST request and the difference is HTTP, parsing and JSON.
    var asUser = new UserContext("authenticated", $$"""{"sub":"{{userId}}","role":"authenticated","aud":"authenticated"}""");
    async Task DirectAsUser(int client, int i)
    {
        var update = new NpgsqlBatchCommand(
            "update public.sync_progress set processed_count = $1, failed_count = 0, current_item = $1 " +
            "where org_id = $2 and sync_id = $3 returning *");
        update.Parameters.Add(new NpgsqlParameter { Value = i + 1 });
        update.Parameters.Add(new NpgsqlParameter { Value = org });
        update.Parameters.Add(new NpgsqlParameter { Value = "user-" + client });
        var matched = await UserSession.ExecuteAsync(dataSource, asUser, update, reader => reader.ReadAsync(), CancellationToken.None, prepare: true);
        if (!matched)
        {
            throw new InvalidOperationException("direct update as the user matched no row");
        }
    }

    // The embedded read: one sync with its 20 activity rows, as supabase-js sends
    // .from('sync_progress').select('*, sync_activity_log(*)').eq('org_id', ...).eq('sync_id', ...).
    async Task RestEmbedded(int client, int i)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get,
            $"/rest/v1/sync_progress?select=*,sync_activity_log(*)&org_id=eq.{org}&sync_id=eq.embed-{client}");
        request.Headers.TryAddWithoutValidation("apikey", token);
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        request.Headers.TryAddWithoutValidation("Accept-Profile", "public");
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode || !body.Contains("\"sync_activity_log\":[{", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"REST embedded read failed: {(int)response.StatusCode} {body}");
        }
    }

    // The same read written by hand: the same JSON from one statement, as the same user (role, claims, RLS, read only)
    // through UserSession, so the difference is HTTP, parsing, the generated SQL and JSON handling.
    var readOnlyUser = asUser with { ReadOnly = true };
    async Task HandEmbedded(int client, int i)
    {
        var select = new NpgsqlBatchCommand(
            """
            select coalesce(json_agg(t), '[]')::text from (
                select p.*, coalesce((select json_agg(a) from public.sync_activity_log a
                                      where a.org_id = p.org_id and a.sync_id = p.sync_id), '[]') as sync_activity_log
                from public.sync_progress p where p.org_id = $1 and p.sync_id = $2) t
            """);
        select.Parameters.Add(new NpgsqlParameter { Value = org });
        select.Parameters.Add(new NpgsqlParameter { Value = "embed-" + client });
        var body = await UserSession.ExecuteAsync(dataSource, readOnlyUser, select, async r =>
        {
            await r.ReadAsync();
            return r.GetString(0);
        }, CancellationToken.None, prepare: true);
        if (!body.Contains("\"page\"", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("hand-written embedded read found no activity rows: " + body);
        }
    }

    // Each path is warmed up right before it is measured, until the runtime stops compiling: tiered compilation moves a
    // method to optimised code only after 30 calls and a quiet 100 ms, then again after its instrumented tier, and the
    // REST path runs hundreds of server methods the direct paths do not. With 20 operations per path, all warmed up
    // front, the REST phase still ran quick-jitted and instrumented server code and spent 15 % of the process's CPU in
    // the tiered compilation thread (perf with DOTNET_PerfMapEnabled=1): the server's start-up, not its cost per
    // request. Rounds of 20 operations per client run until one adds fewer than 5 compiled methods (at most 40 rounds).
    const int WarmUpRound = 20;
    var done = new Dictionary<string, int>(); // operations run per path so far, so that each run writes new values
    async Task<LatencyRecorder.Run> RunNextAsync(string name, string label, int perClientNow, Func<int, int, Task> operation)
    {
        var offset = done.GetValueOrDefault(name);
        var run = await LatencyRecorder.RunAsync(label, Clients, perClientNow, (c, i) => operation(c, i + offset));
        done[name] = offset + perClientNow;
        return run;
    }

    async Task WarmUp(string name, Func<int, int, Task> operation)
    {
        for (var round = 0; round < 40; round++)
        {
            var before = System.Runtime.JitInfo.GetCompiledMethodCount();
            await RunNextAsync(name, "warm-up: " + name, WarmUpRound, operation);
            await Task.Delay(TimeSpan.FromMilliseconds(300)); // room for the background compilation the round queued
            if (System.Runtime.JitInfo.GetCompiledMethodCount() - before < 5)
            {
                break;
            }
        }
    }

    var paths = new (string Name, Func<int, int, Task> Operation)[]
    {
        ("Npgsql UPDATE ... RETURNING * (superuser)", Direct),
        ("Npgsql, same role setup + UPDATE (user JWT claims, RLS on)", DirectAsUser),
        ("REST PATCH ... .single() (user JWT, RLS on)", Rest),
        ("SQL by hand: sync_progress + json_agg of its 20 activity rows (same user, RLS on)", HandEmbedded),
        ("REST GET ?select=*,sync_activity_log(*) (user JWT, RLS on)", RestEmbedded),
        // The floor of any REST call on this machine: HTTP in and out of the same process plus "select 1".
        ("HTTP floor: GET /healthz (select 1)", async (_, _) =>
        {
            using var response = await http.GetAsync("/healthz");
            await response.Content.ReadAsStringAsync();
        }),
    };
    var runs = paths.ToDictionary(p => p.Name, _ => new List<LatencyRecorder.Run>());
    for (var round = 0; round < rounds; round++)
    {
        foreach (var (name, operation) in paths)
        {
            if (round == 0)
            {
                await WarmUp(name, operation); // right before the path's first measurement, as explained above
            }

            runs[name].Add(await RunNextAsync(name, name, perClient / rounds, operation));
        }
    }

    var results = paths.Select(p => LatencyRecorder.Summarize(p.Name, runs[p.Name])).ToArray();
    var (direct, directAsUser, rest, handEmbedded, restEmbedded) = (results[0], results[1], results[2], results[3], results[4]);

    Console.WriteLine($"## REST API (issue 3)");
    Console.WriteLine();
    Console.WriteLine($"Progress updates, {Clients} concurrent clients x {perClient} updates each, one sync row per client, " +
                      $"{Environment.ProcessorCount} cores shared by PostgreSQL, the server and the clients (one process)" +
                      (rounds > 1 ? $", every path measured in {rounds} interleaved rounds." : "."));
    Console.WriteLine();
    Console.WriteLine("| path | ops/s | p50 ms | p99 ms | CPU ms/op: server + clients | CPU ms/op: PostgreSQL |");
    Console.WriteLine("|---|---:|---:|---:|---:|---:|");
    foreach (var r in results)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {r.Name} | {r.PerSecond:0} | {r.P50Ms:0.00} | {r.P99Ms:0.00} | {r.ProcessCpuMs:0.00} | {r.PostgresCpuMs:0.00} |"));
    }

    Console.WriteLine();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"REST / direct throughput: **{rest.PerSecond / direct.PerSecond:P0}** against the superuser update (target: 60 % or more), " +
        $"**{rest.PerSecond / directAsUser.PerSecond:P0}** against the same update with the same role and RLS."));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"Embedded read: REST p50 **{restEmbedded.P50Ms / handEmbedded.P50Ms:0.00}x** the hand-written SQL's, throughput " +
        $"**{handEmbedded.PerSecond / restEmbedded.PerSecond:0.00}x** lower (target: within 1.5x)."));
    // The machine is shared: the load around the run says how much the numbers can be trusted.
    var load = File.ReadAllText("/proc/loadavg").Split(' ');
    Console.WriteLine($"Load average (1/5/15 min) at the start: {loadAtStart[0]} / {loadAtStart[1]} / {loadAtStart[2]}; " +
                      $"at the end: {load[0]} / {load[1]} / {load[2]}.");
}
finally
{
    await app.StopAsync();
    await cluster.StopAsync();
    Directory.Delete(folder, recursive: true);
}

return 0;

int Option(string name, int fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
}
