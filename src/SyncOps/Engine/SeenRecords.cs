using System.Globalization;

namespace SyncOps.Engine;

/// <summary>
/// What a run received per record id: the modification date of the copy last received and the pass that received
/// it. Compact, since it holds every distinct record of a run: numeric ids (every WooCommerce and Odoo id is a positive
/// integer) are kept as 64-bit keys, about 30 bytes a record; any other id as its string.
/// </summary>
internal sealed class SeenRecords
{
    private readonly Dictionary<long, Entry> _numeric = [];
    private readonly Dictionary<string, Entry> _other = new(StringComparer.Ordinal);

    public int Count => _numeric.Count + _other.Count;

    public bool TryGet(string id, out Entry entry) =>
        long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var key)
            ? _numeric.TryGetValue(key, out entry)
            : _other.TryGetValue(id, out entry);

    public void Set(string id, Entry entry)
    {
        if (long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var key))
        {
            _numeric[key] = entry;
        }
        else
        {
            _other[id] = entry;
        }
    }

    /// <summary>The ids whose last copy came in pass <paramref name="pass"/>.</summary>
    public IEnumerable<string> IdsOfPass(int pass) =>
        _numeric.Where(e => e.Value.Pass == pass).Select(e => e.Key.ToString(CultureInfo.InvariantCulture))
            .Concat(_other.Where(e => e.Value.Pass == pass).Select(e => e.Key));

    /// <summary>One record's last copy: its modification date in UTC ticks (<see cref="long.MinValue"/> when it has none) and its pass.</summary>
    internal readonly record struct Entry(long Updated, int Pass)
    {
        public static long Ticks(DateTimeOffset? updated) => updated?.UtcTicks ?? long.MinValue;
    }
}
