namespace SyncOps.Engine;

/// <summary>
/// A map from non-negative 64-bit keys to 32-bit values in two flat arrays (open addressing, linear probing): 12 bytes
/// a slot, kept between 35 % and 70 % full, so 17-34 bytes a key where <c>Dictionary&lt;long, T&gt;</c> spends 36-72
/// (entry, next link, cached hash, bucket, and growth to the next prime). No removal: a scan only adds.
/// </summary>
internal sealed class LongIntMap
{
    private const long Empty = -1;
    private long[] _keys = NewKeys(1024);
    private int[] _values = new int[1024];

    public int Count { get; private set; }

    public bool TryGetValue(long key, out int value)
    {
        var slot = Find(_keys, key);
        var found = _keys[slot] == key;
        value = found ? _values[slot] : 0;
        return found;
    }

    public void Set(long key, int value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(key);
        if ((Count + 1) * 10L > _keys.Length * 7L)
        {
            Grow();
        }

        var slot = Find(_keys, key);
        if (_keys[slot] != key)
        {
            _keys[slot] = key;
            Count++;
        }

        _values[slot] = value;
    }

    /// <summary>Every key with its value, in slot order.</summary>
    public IEnumerable<(long Key, int Value)> Entries()
    {
        for (var slot = 0; slot < _keys.Length; slot++)
        {
            if (_keys[slot] != Empty)
            {
                yield return (_keys[slot], _values[slot]);
            }
        }
    }

    private void Grow()
    {
        var (keys, values) = (_keys, _values);
        _keys = NewKeys(keys.Length * 2);
        _values = new int[keys.Length * 2];
        for (var i = 0; i < keys.Length; i++)
        {
            if (keys[i] != Empty)
            {
                var slot = Find(_keys, keys[i]);
                _keys[slot] = keys[i];
                _values[slot] = values[i];
            }
        }
    }

    /// <summary>The key's slot, or the empty slot where it would go. Sizes are powers of two; the mix spreads sequential ids.</summary>
    private static int Find(long[] keys, long key)
    {
        var mask = keys.Length - 1;
        var slot = (int)((ulong)(key * -7046029254386353131L) >> 32) & mask;
        while (keys[slot] != key && keys[slot] != Empty)
        {
            slot = (slot + 1) & mask;
        }

        return slot;
    }

    private static long[] NewKeys(int size)
    {
        var keys = new long[size];
        Array.Fill(keys, Empty);
        return keys;
    }
}
