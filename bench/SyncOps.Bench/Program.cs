using SyncOps.Bench.Activity;
using SyncOps.Bench.Eta;
using SyncOps.Bench.Infrastructure;
using SyncOps.Bench.Progress;

// Benchmarks for issue 2, each comparing two ways side by side in one run. Usage:
//   dotnet run -c Release --project bench/SyncOps.Bench -- progress|activity|eta|all [--items N] [--rows N] [--orgs N]
var options = BenchOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine("usage: SyncOps.Bench progress|activity|eta|all [--items N] [--rows N] [--orgs N] [--explain]");
    return 2;
}

await using var database = await BenchDatabase.StartAsync();
Console.WriteLine($"# SyncOps benchmarks ({Environment.ProcessorCount} cores, PostgreSQL {await database.ServerVersionAsync()})");
if (options.Runs("progress"))
{
    await ProgressBenchmark.RunAsync(database.DataSource, options.Items);
}

if (options.Runs("activity"))
{
    await ActivityQueryBenchmark.RunAsync(database.DataSource, options.Rows, options.Organizations, options.Explain);
}

if (options.Runs("eta"))
{
    await EtaBenchmark.RunAsync(database.DataSource);
}

return 0;
