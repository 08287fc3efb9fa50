using Npgsql;
using SyncOps.Connectors;
using SyncOps.Tracking;

namespace SyncOps.Bench.Engine;

/// <summary>
/// The guide's <c>syncWooCommerceCustomers</c> without its 2 s sleep: pages fetched one after another, each record
/// upserted on its own, progress written after every 100 records. Same connector and HTTP pipeline as the engine.
/// </summary>
internal static class GuideLoop
{
    public static async Task<int> RunAsync(NpgsqlDataSource dataSource, SyncTracker tracker, ISourceConnector connector, string orgId, int limit)
    {
        var first = await connector.FetchPageAsync(SyncEntity.Customer, SourceWindow.Everything, 0, CancellationToken.None);
        var total = Math.Min(limit, first.Total);
        var sync = await tracker.StartAsync(new StartSync(orgId, SyncEntity.Customer, "woocommerce", total));
        var processed = 0;
        var page = first;
        for (var offset = 0; processed < total;)
        {
            foreach (var item in page.Items)
            {
                if (processed >= total || item.Record is not { } r)
                {
                    continue;
                }

                await using var command = dataSource.CreateCommand(
                    """
                    insert into public.customers (org_id, source_system, external_id, email, first_name, last_name, name, company, phone, city, country,
                        source_created_at, source_updated_at, content_hash, raw, last_sync_id)
                    values ($1, 'woocommerce', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14::jsonb, $15)
                    on conflict (org_id, source_system, external_id) do update set
                        email = excluded.email, first_name = excluded.first_name, last_name = excluded.last_name, name = excluded.name,
                        company = excluded.company, phone = excluded.phone, city = excluded.city, country = excluded.country,
                        source_updated_at = excluded.source_updated_at, content_hash = excluded.content_hash, raw = excluded.raw,
                        last_sync_id = excluded.last_sync_id, updated_at = now()
                    """);
                command.Parameters.Add(new NpgsqlParameter { Value = orgId });
                command.Parameters.Add(new NpgsqlParameter { Value = r.ExternalId });
                foreach (var field in r.Fields)
                {
                    command.Parameters.Add(new NpgsqlParameter { Value = (object?)field ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
                }

                command.Parameters.Add(new NpgsqlParameter { Value = (object?)r.SourceCreatedAt ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
                command.Parameters.Add(new NpgsqlParameter { Value = (object?)r.SourceUpdatedAt ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
                command.Parameters.Add(new NpgsqlParameter { Value = r.ContentHash });
                command.Parameters.Add(new NpgsqlParameter { Value = r.RawJson });
                command.Parameters.Add(new NpgsqlParameter { Value = sync.SyncId });
                await command.ExecuteNonQueryAsync();
                processed++;
                if (processed % 100 == 0)
                {
                    await tracker.ReportAsync(orgId, sync.SyncId, processed, 0);
                }
            }

            offset += page.Consumed;
            if (processed >= total || page.Consumed == 0)
            {
                break;
            }

            page = await connector.FetchPageAsync(SyncEntity.Customer, SourceWindow.Everything, offset, CancellationToken.None);
        }

        var row = await tracker.FindAsync(orgId, sync.SyncId);
        if (row!.IsRunning)
        {
            await tracker.CompleteAsync(orgId, sync.SyncId, processed, 0);
        }

        return processed;
    }
}
