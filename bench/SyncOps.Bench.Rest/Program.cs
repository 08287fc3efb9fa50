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
// the same UPDATE ... RETURNING * issued straight through Npgsql, 32 concurrent clients, in one run on one cluster.
// Usage: dotnet run -c Release --project bench/SyncOps.Bench.Rest [-- --updates-per-client N]
const int Clients = 32;
var perClient = args.Length == 2 && args[0] == "--updates-per-client" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 300;
const string Secret = "bench-secret-bench-secret-bench-secret-0123";

var folder = Path.Combine(Path.GetTempPath(), "syncops-bench-rest-" + Guid.NewGuid().ToString("N")[..8]);
var cluster = new EmbeddedPostgres(folder, durable: false);
var url = await cluster.StartAsync();
// The same connection settings as `syncops serve` (SyncOpsServer.ServerConnectionString), for both paths.
await using var dataSource = NpgsqlDataSource.Create(SyncOpsServer.ServerConnectionString(url));
await new Migrator(dataSource).MigrateAsync();
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
        select 'org-bench', 'user-' || i, 'customer', 1000000000 from generate_series(0, 31) i;
        """))
    {
        await setup.ExecuteNonQueryAsync();
    }

    await using (var user = dataSource.CreateCommand("insert into syncops_auth.users_extended (id, org_id) values ($1, 'org-bench')"))
    {
        user.Parameters.Add(new NpgsqlParameter { Value = userId });
        await user.ExecuteNonQueryAsync();
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

    async Task Direct(int client, int i)
    {
        await using var command = dataSource.CreateCommand(
            "update public.sync_progress set processed_count = $1, failed_count = 0, current_item = $1 " +
            "where org_id = $2 and sync_id = $3 returning *");
        command.Parameters.Add(new NpgsqlParameter { Value = i + 1 });
        command.Parameters.Add(new NpgsqlParameter { Value = org });
        command.Parameters.Add(new NpgsqlParameter { Value = "direct-" + client });
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
        var matched = await UserSession.ExecuteAsync(dataSource, asUser, update, reader => reader.ReadAsync(), CancellationToken.None);
        if (!matched)
        {
            throw new InvalidOperationException("direct update as the user matched no row");
        }
    }

    // Warm up both paths (JIT, connection pool, plan cache), then measure each in turn.
    await LatencyRecorder.RunAsync("warm-up", Clients, 20, Rest);
    await LatencyRecorder.RunAsync("warm-up", Clients, 20, Direct);
    await LatencyRecorder.RunAsync("warm-up", Clients, 20, DirectAsUser);
    var direct = await LatencyRecorder.RunAsync("Npgsql UPDATE ... RETURNING * (superuser)", Clients, perClient, (c, i) => Direct(c, i + 20));
    var directAsUser = await LatencyRecorder.RunAsync("Npgsql, same role setup + UPDATE (user JWT claims, RLS on)", Clients, perClient, (c, i) => DirectAsUser(c, i + 20));
    var rest = await LatencyRecorder.RunAsync("REST PATCH ... .single() (user JWT, RLS on)", Clients, perClient, (c, i) => Rest(c, i + 20));
    // The floor of any REST call on this machine: HTTP in and out of the same process plus "select 1".
    var floor = await LatencyRecorder.RunAsync("HTTP floor: GET /healthz (select 1)", Clients, perClient, async (_, _) =>
    {
        using var response = await http.GetAsync("/healthz");
        await response.Content.ReadAsStringAsync();
    });

    Console.WriteLine($"## REST API (issue 3)");
    Console.WriteLine();
    Console.WriteLine($"Progress updates, {Clients} concurrent clients x {perClient} updates each, one sync row per client, " +
                      $"{Environment.ProcessorCount} cores shared by PostgreSQL, the server and the clients (one process).");
    Console.WriteLine();
    Console.WriteLine("| path | updates/s | p50 ms | p99 ms |");
    Console.WriteLine("|---|---:|---:|---:|");
    foreach (var r in new[] { direct, directAsUser, rest, floor })
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {r.Name} | {r.PerSecond:0} | {r.P50Ms:0.00} | {r.P99Ms:0.00} |"));
    }

    Console.WriteLine();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"REST / direct throughput: **{rest.PerSecond / direct.PerSecond:P0}** against the superuser update (target: 60 % or more), " +
        $"**{rest.PerSecond / directAsUser.PerSecond:P0}** against the same update with the same role and RLS."));
}
finally
{
    await app.StopAsync();
    await cluster.StopAsync();
    Directory.Delete(folder, recursive: true);
}
