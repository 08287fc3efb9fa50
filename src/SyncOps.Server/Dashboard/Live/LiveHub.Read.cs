using System.Text;
using SyncOps.Tracking;

namespace SyncOps.Server.Dashboard.Live;

internal sealed partial class LiveHub
{
    // Read as the server (the hub serves every organisation at once); each row then goes only to subscribers whose
    // organisations, taken from syncops_auth.org_ids() as the user when the stream opened, contain its org_id. The
    // rows of one organisation become one byte buffer, handed as is to each of its dashboards.
    private async Task ReadAndSendAsync(List<(string Org, string Sync)> keys, CancellationToken cancellationToken)
    {
        var rows = (await tracker.ReadDashboardJsonAsync(keys, cancellationToken))
            .Select(r => (Org: r.OrgId, Sync: r.SyncId, r.Status, r.UpdatedAt, Json: "{\"type\":\"sync\",\"sync\":" + r.Json + "}"))
            .ToList();
        var now = timeProvider.GetTimestamp();
        var trailing = now + Ticks(options.TrailingRead);
        var frames = new Dictionary<string, StringBuilder>(StringComparer.Ordinal);
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
                if (!frames.TryGetValue(row.Org, out var frame))
                {
                    frames[row.Org] = frame = new StringBuilder();
                }

                // JSON from PostgreSQL's to_jsonb holds no raw newlines, so one data line carries it.
                frame.Append("data: ").Append(row.Json).Append("\n\n");

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

            // One encoding per organisation, shared by all its dashboards.
            foreach (var (org, frame) in frames)
            {
                if (_byOrg.TryGetValue(org, out var watchers))
                {
                    ReadOnlyMemory<byte> bytes = Encoding.UTF8.GetBytes(frame.ToString());
                    foreach (var subscriber in watchers)
                    {
                        subscriber.Offer(bytes);
                    }
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
