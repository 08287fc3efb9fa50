using SyncOps.Tracking;

namespace SyncOps.Server.Dashboard.Live;

internal sealed partial class LiveHub
{
    // Read as the server (the hub serves every organisation at once); each row then goes only to subscribers whose
    // organisations, taken from syncops_auth.org_ids() as the user when the stream opened, contain its org_id.
    private async Task ReadAndSendAsync(List<(string Org, string Sync)> keys, CancellationToken cancellationToken)
    {
        var rows = (await tracker.ReadDashboardJsonAsync(keys, cancellationToken))
            .Select(r => (Org: r.OrgId, Sync: r.SyncId, r.Status, r.UpdatedAt, Json: "{\"type\":\"sync\",\"sync\":" + r.Json + "}"))
            .ToList();
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
