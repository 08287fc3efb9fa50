using System.Text.Json.Nodes;
using SyncOps.Connectors;
using SyncOps.Tracking;

namespace SyncOps.Engine;

public sealed partial class SyncEngine
{
    private const int SampleSize = 5;

    /// <summary>
    /// Computes the delta (to create, to update, unchanged, per entity, with samples) without writing, and caches it in
    /// <c>sync_preview_cache</c> under the guide's key (a hash of the sync type and filters) for an hour. The cached delta
    /// holds the mapped records themselves, so <see cref="ApplyAsync"/> writes exactly what was previewed.
    /// </summary>
    public async Task<PreviewResult> PreviewAsync(SyncRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var entity = SyncEntity.Parse(request.Entity);
        var connection = await connections.GetAsync(request.ConnectionId, request.OrgId, cancellationToken);
        var connector = await connectors.CreateAsync(connection, cancellationToken);
        var checkpoint = await checkpoints.GetAsync(request.OrgId, connection.Id, entity, cancellationToken);
        var since = !request.Full && connector.FiltersByModification(entity) && checkpoint.Watermark is { } watermark
            ? watermark - options.Overlap : (DateTimeOffset?)null;

        var toWrite = new JsonArray();
        var sampleCreate = new List<string>();
        var sampleUpdate = new List<string>();
        int creates = 0, updates = 0, unchanged = 0, failed = 0;
        await using (var pages = PagePrefetcher.Start(connector, entity, new SourceWindow(since), 0, connectors.Options.Prefetch, cancellationToken))
        {
            while (await pages.NextAsync(cancellationToken) is { } page)
            {
                var mapped = page.Items.Where(i => i.Record is not null).Select(i => i.Record!).GroupBy(r => r.ExternalId).Select(g => g.Last()).ToList();
                failed += page.Items.Count(i => i.Record is null);
                var existing = await writer.ReadHashesAsync(request.OrgId, connector.SourceSystem, entity, mapped.ConvertAll(r => r.ExternalId), cancellationToken);
                foreach (var record in mapped)
                {
                    if (!existing.TryGetValue(record.ExternalId, out var hash))
                    {
                        creates++;
                        Sample(sampleCreate, record.ExternalId);
                    }
                    else if (!hash.AsSpan().SequenceEqual(record.ContentHash))
                    {
                        updates++;
                        Sample(sampleUpdate, record.ExternalId);
                    }
                    else
                    {
                        unchanged++;
                        continue;
                    }

                    toWrite.Add(PreviewRecords.ToJson(record));
                }
            }
        }

        var filters = new JsonObject { ["connection_id"] = connection.Id.ToString(), ["entity"] = entity, ["full"] = request.Full, ["since"] = since?.ToString("O") };
        var delta = new JsonObject
        {
            ["connection_id"] = connection.Id.ToString(),
            ["source_system"] = connector.SourceSystem,
            ["entity"] = entity,
            ["summary"] = new JsonObject { ["to_create"] = creates, ["to_update"] = updates, ["unchanged"] = unchanged, ["failed"] = failed },
            ["samples"] = new JsonObject
            {
                ["create"] = new JsonArray(sampleCreate.Select(id => (JsonNode)id).ToArray()),
                ["update"] = new JsonArray(sampleUpdate.Select(id => (JsonNode)id).ToArray()),
            },
            ["records"] = toWrite,
        };
        var key = await previews.CacheAsync(request.OrgId, $"{connector.SourceSystem}_{entity}", filters, delta, request.InitiatedBy, cancellationToken: cancellationToken);
        return new PreviewResult(key, entity, creates, updates, unchanged, failed, sampleCreate, sampleUpdate,
            timeProvider.GetUtcNow() + PreviewCache.DefaultTimeToLive);
    }

    /// <summary>
    /// Writes exactly the records a preview cached, as one sync with the same lifecycle as <see cref="RunAsync"/>: a
    /// database error ends it as failed with the message, a cancel (the token, or the row cancelled from outside) as
    /// cancelled. Refuses, as an exception, when the preview expired or never existed.
    /// </summary>
    public async Task<SyncResult> ApplyAsync(string orgId, string cacheKey, Guid? initiatedBy = null, CancellationToken cancellationToken = default)
    {
        var delta = await previews.GetAsync(orgId, cacheKey, cancellationToken)
            ?? throw new SyncOpsException($"preview {cacheKey} has expired or does not exist in organisation \"{orgId}\" (previews last one hour): run sync preview again");
        var connectionId = Guid.Parse((string)delta["connection_id"]!);
        var entity = SyncEntity.Parse((string)delta["entity"]!);
        var source = (string)delta["source_system"]!;
        var records = ((JsonArray)delta["records"]!).Select(node => PreviewRecords.FromJson(node!)).ToList();
        await using var lease = await SyncLease.AcquireAsync(dataSource, orgId, connectionId, entity, cancellationToken);
        await using var lifecycle = await StartRunAsync(new StartSync(orgId, entity, source, records.Count, initiatedBy), lease, cancellationToken);
        var target = new WriteTarget(orgId, source, connectionId, entity, lifecycle.Sync.SyncId, initiatedBy);
        var counters = new RunCounters();
        try
        {
            foreach (var chunk in records.Chunk(options.WriteBatchSize))
            {
                counters.Add(await _databaseRetry.ExecuteAsync(async ct => await writer.WriteAsync(target, chunk, [], null, ct), lifecycle.Stopping));
                await _databaseRetry.ExecuteAsync(
                    async ct => await lifecycle.Reporter.SetCountsAsync(counters.Processed, counters.Failed, ct), lifecycle.Stopping);
            }

            var final = await lifecycle.CompleteAsync(counters.Processed, counters.Failed, null, cancellationToken);
            return counters.Result(final.SyncId, final.Status, null, 0);
        }
        catch (Exception e)
        {
            var (status, message) = await lifecycle.EndAsync(e);
            return counters.Result(lifecycle.Sync.SyncId, status, message, 0);
        }
    }

    private static void Sample(List<string> samples, string id)
    {
        if (samples.Count < SampleSize)
        {
            samples.Add(id);
        }
    }
}
