using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using SyncOps.Connectors;
using SyncOps.Engine;

namespace SyncOps.Bench.Engine;

/// <summary>
/// The engine's writer without the source: the first page's mapped records renumbered into <c>customers</c> new rows,
/// in batches, two batches in flight at once as the engine writes them (each commit after the previous one).
/// </summary>
internal static class WriteOnly
{
    public static async Task<int> RunAsync(IServiceProvider services, ISourceConnector connector, WriteTarget target, int customers, int batchSize)
    {
        var template = (await connector.FetchPageAsync(SyncEntity.Customer, SourceWindow.Everything, 0, CancellationToken.None))
            .Items.Select(i => i.Record!).ToList();
        var writer = services.GetRequiredService<RecordWriter>();
        Task<WriteOutcome>? previous = null;
        var written = 0;
        for (var start = 0; start < customers; start += batchSize)
        {
            var batch = Enumerable.Range(start, Math.Min(batchSize, customers - start))
                .Select(i => template[i % template.Count] with { ExternalId = (i + 1).ToString(CultureInfo.InvariantCulture) }).ToList();
            // The writer's public call has no ordering; two at a time, awaited in turn, is what two writers do.
            var current = writer.WriteAsync(target, batch, [], null, CancellationToken.None);
            if (previous is not null)
            {
                written += (await previous).Created;
            }

            previous = current;
        }

        return written + (previous is null ? 0 : (await previous).Created);
    }
}
