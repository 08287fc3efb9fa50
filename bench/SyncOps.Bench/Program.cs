using SyncOps.Bench.Activity;
using SyncOps.Bench.Eta;
using SyncOps.Bench.Infrastructure;
using SyncOps.Bench.Operations;
using SyncOps.Bench.Progress;

// Benchmarks for issues 2 and 12, each comparing two ways side by side in one run. Usage:
//   dotnet run -c Release --project bench/SyncOps.Bench -- progress|activity|eta|scheduler|retention|activity-upkeep|all
//       [--items N] [--rows N] [--orgs N] [--schedules N] [--month-rows N] [--explain]
var options = BenchOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine("usage: SyncOps.Bench progress|activity|eta|scheduler|retention|activity-upkeep|all [--items N] [--rows N] [--orgs N] [--schedules N] [--month-rows N] [--explain]");
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

if (options.Runs("scheduler"))
{
    await SchedulerBenchmark.RunAsync(database.DataSource, options.Schedules);
}

if (options.Runs("retention"))
{
    await RetentionBenchmark.RunAsync(database.DataSource, options.MonthRows);
}

if (options.Runs("activity-upkeep"))
{
    await ActivityUnderUpkeepBenchmark.RunAsync(database.DataSource, options.Rows, options.Organizations);
}

return 0;
