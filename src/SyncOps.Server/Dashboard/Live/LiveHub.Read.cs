using Npgsql;
using SyncOps.Tracking;

namespace SyncOps.Server.Dashboard.Live;

public sealed partial class LiveHub
{
    // Read as the server (the hub serves every organisation at once); each row then goes only to subscribers whose
    // organisations, taken from auth.org_ids() as the user when the stream opened, contain its org_id.
    private const string ReadSql =
        $"""
        select r.org_id, r.sync_id, r.status, r.updated_at, json_build_object('type', 'sync', 'sync', to_jsonb(r))::text
        from (select {SyncRowSql.Columns}
              from public.sync_progress p join unnest($1::text[], $2::text[]) as k (org_id, sync_id)
                   on p.org_id = k.org_id and p.sync_id = k.sync_id) r
        """;

    private async Task ReadAndSendAsync(List<(string Org, string Sync)> keys, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(ReadSql);
        command.Parameters.Add(new NpgsqlParameter { Value = keys.Select(k => k.Org).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = keys.Select(k => k.Sync).ToArray() });
        var rows = new List<(string Org, string Sync, string Status, DateTimeOffset UpdatedAt, string Json)>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3), reader.GetString(4)));
            }
        }

        var now = timeProvider.GetTimestamp();
        var trailing = now + Ticks(options.TrailingRead);
        lock (_lock)
        {
            foreach (var row in rows)
            {
                var key = (row.Org, row.Sync);
                if (!_syncs.TryGetValue(key, out var state) || row.UpdatedAt == state.LastUpdatedAt)
                {
                    // Unchanged since it was last sent: the trailing read found nothing new, so stop reading it.
                    if (state is not null && state.Due == 0)
                    {
                        _syncs.Remove(key);
                    }

                    continue;
                }

                state.LastSent = now;
                state.LastUpdatedAt = row.UpdatedAt;
                foreach (var subscriber in _subscribers)
                {
                    if (subscriber.OrgIds.Contains(row.Org))
                    {
                        subscriber.Offer(row.Org + "\t" + row.Sync, row.Json);
                    }
                }

                if (row.Status != SyncStatus.Running)
                {
                    if (state.Due == 0)
                    {
                        _syncs.Remove(key); // ended: nothing more will change
                    }
                }
                else if (state.Due == 0 || state.Due > trailing)
                {
                    state.Due = trailing;
                }
            }

            // Deleted meanwhile: forget them.
            foreach (var key in keys.Except(rows.Select(r => (r.Org, r.Sync))))
            {
                if (_syncs.TryGetValue(key, out var state) && state.Due == 0)
                {
                    _syncs.Remove(key);
                }
            }
        }
    }
}
