using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SyncOps;
using SyncOps.Bench.Engine;
using SyncOps.Configuration;
using SyncOps.Connections;
using SyncOps.Connectors;
using SyncOps.Connectors.Http;
using SyncOps.Database;
using SyncOps.Embedded;
using SyncOps.Engine;
using SyncOps.Simulators;
using SyncOps.Simulators.WooCommerce;
using SyncOps.Tracking;

// Issue 4's benchmark: N WooCommerce customers from the simulator into `customers`, SyncOps' engine against the
// guide's loop, in one run; plus the parts (source alone, write alone) to say where the time goes.
// Usage: dotnet run -c Release -- [customers=200000] [guide-records=20000]
var customers = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200_000;
var guideRecords = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20_000;
var http = new SourceHttpOptions { PageSize = 100, Prefetch = 6, MaxConcurrentRequestsPerStore = 6 };
var engineOptions = new EngineOptions { WriteBatchSize = 2000 };

var directory = Path.Combine(Path.GetTempPath(), "syncops-bench-engine-" + Guid.NewGuid().ToString("N")[..8]);
var cluster = new EmbeddedPostgres(directory);
var url = Environment.GetEnvironmentVariable("SYNCOPS_DATABASE_URL") ?? await cluster.StartAsync();
try
{
    await using var dataSource = NpgsqlDataSource.Create(SyncOpsDatabase.ConnectionString(url, "syncops-bench"));
    await new Migrator(dataSource).MigrateAsync();
    await using var services = new ServiceCollection()
        .AddSingleton(http).AddSingleton(engineOptions)
        .AddSingleton(new SecretProtector(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)))
        .AddSyncOps(new SyncOpsSettings(url, directory), dataSource).BuildServiceProvider();
    await using var store = await WooCommerceSimulator.StartAsync(new SimulatorOptions { Customers = customers, Products = 0, Orders = 0 });
    var run = Guid.NewGuid().ToString("N")[..8];
    var connection = await services.GetRequiredService<ConnectionStore>().AddAsync(new NewConnection(
        $"bench-{run}-engine", "woocommerce", store.BaseUrl, new ConnectionSecrets(store.Options.ConsumerKey, store.Options.ConsumerSecret)));
    var connector = await services.GetRequiredService<ConnectorFactory>().CreateAsync(connection);
    using var memory = new MemorySampler();
    Console.WriteLine($"{customers:N0} customers, page size {http.PageSize}, {http.Prefetch} pages ahead, write batches of {engineOptions.WriteBatchSize}, {Environment.ProcessorCount} cores");

    // 1. Source alone: every page fetched (HTTP + JSON parse + map + hash), pages in parallel as the engine fetches them.
    memory.Reset();
    var clock = Stopwatch.StartNew();
    var fetched = 0;
    var offsets = Enumerable.Range(0, (customers + http.PageSize - 1) / http.PageSize).Select(p => p * http.PageSize);
    await Parallel.ForEachAsync(offsets, new ParallelOptions { MaxDegreeOfParallelism = http.Prefetch }, async (offset, ct) =>
        Interlocked.Add(ref fetched, (await connector.FetchPageAsync(SyncEntity.Customer, SourceWindow.Everything, offset, ct)).Items.Count));
    var source = clock.Elapsed;
    Report("source only (fetch + parse + map + hash)", fetched, source, memory);

    // 2. Write alone: the engine's batched upsert of mapped records (first page's records, renumbered), no HTTP.
    var template = (await connector.FetchPageAsync(SyncEntity.Customer, SourceWindow.Everything, 0, CancellationToken.None)).Items.Select(i => i.Record!).ToList();
    var writer = services.GetRequiredService<RecordWriter>();
    var target = new WriteTarget($"bench-{run}-write", "woocommerce", connection.Id, SyncEntity.Customer, "bench-write", null);
    memory.Reset();
    clock.Restart();
    for (var start = 0; start < customers; start += engineOptions.WriteBatchSize)
    {
        var batch = Enumerable.Range(start, Math.Min(engineOptions.WriteBatchSize, customers - start))
            .Select(i => template[i % template.Count] with { ExternalId = (i + 1).ToString(CultureInfo.InvariantCulture) }).ToList();
        await writer.WriteAsync(target, batch, [], null, CancellationToken.None);
    }

    var write = clock.Elapsed;
    Report("write only (batched upsert, unnest)", customers, write, memory);

    // 3. The engine, end to end.
    memory.Reset();
    clock.Restart();
    var result = await services.GetRequiredService<SyncEngine>().RunAsync(new SyncRequest(connection.OrgId, connection.Id, SyncEntity.Customer));
    var engine = clock.Elapsed;
    Report($"SyncOps engine end to end ({result.Status}, {result.Created:N0} created)", result.Processed, engine, memory);

    // 4. The same again: every record unchanged, skipped by hash.
    memory.Reset();
    clock.Restart();
    var again = await services.GetRequiredService<SyncEngine>().RunAsync(new SyncRequest(connection.OrgId, connection.Id, SyncEntity.Customer));
    Report($"SyncOps engine, second run ({again.Skipped:N0} unchanged, skipped)", again.Processed, clock.Elapsed, memory);

    // 5. The guide's loop: one upsert per record, progress every 100, no sleep.
    memory.Reset();
    clock.Restart();
    var guide = await GuideLoop.RunAsync(dataSource, services.GetRequiredService<SyncTracker>(), connector, $"bench-{run}-guide", guideRecords);
    var guideTime = clock.Elapsed;
    Report("guide loop (one upsert per record, progress per 100)", guide, guideTime, memory);

    Console.WriteLine();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"engine vs guide: {Rate(result.Processed, engine) / Rate(guide, guideTime):0.0}x the items/min"));
}
finally
{
    await cluster.StopAsync();
    Directory.Delete(directory, recursive: true);
}

static double Rate(int items, TimeSpan elapsed) => items / elapsed.TotalMinutes;

static void Report(string what, int items, TimeSpan elapsed, MemorySampler memory)
{
    var (workingSet, managed) = memory.Peak;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {what} | {items:N0} | {elapsed.TotalSeconds:0.00} s | {Rate(items, elapsed):N0} items/min | peak working set {workingSet / 1048576.0:0} MiB, managed heap {managed / 1048576.0:0} MiB |"));
}
