using System.Globalization;

namespace SyncOps.Engine;

/// <summary>
/// A set of record ids whose size does not grow with the number of records in the usual case: numeric ids (every
/// WooCommerce and Odoo id is a non-negative integer, handed out in sequence) take one bit each in blocks of 65,536
/// (<see cref="IdBlock"/>; 1.2 MiB for 10,000,000 dense ids, at most 2 bytes an id when they are sparse); any other
/// id is kept as its string (the fallback for stores with text keys).
/// </summary>
internal sealed class RecordIdSet
{
    private readonly Dictionary<long, IdBlock> _blocks = [];
    private readonly HashSet<string> _other = new(StringComparer.Ordinal);
    private long _lastBlock = -1;
    private IdBlock? _last;

    public int Count { get; private set; }

    /// <summary>Adds the id; false when the set held it already.</summary>
    public bool Add(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        var added = TryKey(id, out var key) ? Block(key >> 16, create: true)!.Add((ushort)key) : _other.Add(id);
        Count += added ? 1 : 0;
        return added;
    }

    public bool Contains(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return TryKey(id, out var key) ? Block(key >> 16, create: false)?.Contains((ushort)key) == true : _other.Contains(id);
    }

    /// <summary>An id that is a number written the usual way ("042" is not "42", so it stays text).</summary>
    private static bool TryKey(string id, out long key) =>
        long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out key) && (id.Length == 1 || id[0] != '0');

    /// <summary>The block of the id's high bits; the last one is remembered, since ids mostly arrive in order.</summary>
    private IdBlock? Block(long high, bool create)
    {
        if (high == _lastBlock)
        {
            return _last;
        }

        if (!_blocks.TryGetValue(high, out var block))
        {
            if (!create)
            {
                return null;
            }

            block = new IdBlock();
            _blocks.Add(high, block);
        }

        (_lastBlock, _last) = (high, block);
        return block;
    }
}
