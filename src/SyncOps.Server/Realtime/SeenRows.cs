using System.Collections.Concurrent;

namespace SyncOps.Server.Realtime;

/// <summary>
/// Which identities were shown which rows, so that a DELETE (whose row can no longer be read as the user) reaches only
/// those who saw the row. Bounded: past the limit it starts over, and a delete of a row shown before that is not sent
/// (never one of a row the user could not see).
/// </summary>
internal sealed class SeenRows
{
    private const int Limit = 200_000;
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, byte>> _rows = new(StringComparer.Ordinal);

    public void Shown(string rowKey, string identity)
    {
        if (_rows.Count >= Limit)
        {
            _rows.Clear();
        }

        _rows.GetOrAdd(rowKey, _ => new ConcurrentDictionary<string, byte>(StringComparer.Ordinal)).TryAdd(identity, 0);
    }

    public bool WasShown(string rowKey, string identity) =>
        _rows.TryGetValue(rowKey, out var identities) && identities.ContainsKey(identity);

    public void Forget(string rowKey) => _rows.TryRemove(rowKey, out _);
}
