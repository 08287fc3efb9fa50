using System.Globalization;

namespace SyncOps.Engine;

/// <summary>
/// What a run received per record id: a fingerprint of the modification date of the copy last received and the pass
/// that received it, packed in 32 bits. Compact, since it holds every distinct record of a run: numeric ids (every
/// WooCommerce and Odoo id is a non-negative integer) go in a flat open-addressing table, 17-34 bytes a record
/// (<see cref="LongIntMap"/>); any other id as its string in a dictionary.
/// </summary>
internal sealed class SeenRecords
{
    private readonly LongIntMap _numeric = new();
    private readonly Dictionary<string, int> _other = new(StringComparer.Ordinal);

    public int Count => _numeric.Count + _other.Count;

    public bool TryGet(string id, out Entry entry)
    {
        var found = TryKey(id, out var key)
            ? _numeric.TryGetValue(key, out var packed)
            : _other.TryGetValue(id, out packed);
        entry = Entry.Unpack(packed);
        return found;
    }

    public void Set(string id, Entry entry)
    {
        if (TryKey(id, out var key))
        {
            _numeric.Set(key, entry.Pack());
        }
        else
        {
            _other[id] = entry.Pack();
        }
    }

    /// <summary>The ids whose last copy came in pass <paramref name="pass"/> (deletion detection reads the last pass).</summary>
    public IEnumerable<string> IdsOfPass(int pass)
    {
        var packedPass = Math.Min(pass, 255);
        return _numeric.Entries().Where(e => Entry.Unpack(e.Value).Pass == packedPass)
            .Select(e => e.Key.ToString(CultureInfo.InvariantCulture))
            .Concat(_other.Where(e => Entry.Unpack(e.Value).Pass == packedPass).Select(e => e.Key));
    }

    /// <summary>An id that is a number written the usual way ("042" is not "42", so it stays text).</summary>
    private static bool TryKey(string id, out long key) =>
        long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out key) && (id.Length == 1 || id[0] != '0');

    /// <summary>
    /// One record's last copy: a 24-bit fingerprint of its modification date and its pass (up to 255). Two copies
    /// with equal fingerprints in one pass count as the same version; a newer version mistaken for it (about 1 in 16
    /// million, and only for a record edited during the scan and served twice) is written by the next run, whose
    /// window starts before this run began.
    /// </summary>
    internal readonly record struct Entry(int Updated, int Pass)
    {
        public static int Fingerprint(DateTimeOffset? updated)
        {
            if (updated is not { } time)
            {
                return 0xFFFFFF;
            }

            var fingerprint = (int)(((ulong)time.UtcTicks * 0x9E3779B97F4A7C15UL) >> 40);
            return fingerprint == 0xFFFFFF ? 0xFFFFFE : fingerprint; // 0xFFFFFF is "no date"
        }

        public int Pack() => (Math.Min(Pass, 255) << 24) | (Updated & 0xFFFFFF);

        public static Entry Unpack(int packed) => new(packed & 0xFFFFFF, (packed >> 24) & 0xFF);
    }
}
