namespace SyncOps.Engine;

/// <summary>
/// The ids of one block of 65,536 consecutive numeric ids that a <see cref="RecordIdSet"/> holds: a sorted array of
/// their low 16 bits while there are at most 4,096 (2 bytes an id, for sparse ids), then a bitmap (8 KiB, one bit an
/// id, for the dense auto-increment ids stores hand out). Either way at most 2 bytes an id, however many records.
/// </summary>
internal sealed class IdBlock
{
    private const int ArrayLimit = 4096; // 4,096 x 2 bytes is the bitmap's 8 KiB
    private ushort[] _sorted = new ushort[8];
    private int _count;
    private ulong[]? _bits;

    /// <summary>Adds the id's low 16 bits; false when the block held it already.</summary>
    public bool Add(ushort low)
    {
        if (_bits is { } bits)
        {
            ref var word = ref bits[low >> 6];
            var mask = 1UL << (low & 63);
            var added = (word & mask) == 0;
            word |= mask;
            return added;
        }

        var at = Array.BinarySearch(_sorted, 0, _count, low);
        if (at >= 0)
        {
            return false;
        }

        if (_count == ArrayLimit)
        {
            ToBitmap();
            return Add(low);
        }

        if (_count == _sorted.Length)
        {
            Array.Resize(ref _sorted, Math.Min(ArrayLimit, _count * 2));
        }

        at = ~at;
        Array.Copy(_sorted, at, _sorted, at + 1, _count - at);
        _sorted[at] = low;
        _count++;
        return true;
    }

    public bool Contains(ushort low) =>
        _bits is { } bits ? (bits[low >> 6] & (1UL << (low & 63))) != 0 : Array.BinarySearch(_sorted, 0, _count, low) >= 0;

    private void ToBitmap()
    {
        var bits = new ulong[65536 / 64];
        for (var i = 0; i < _count; i++)
        {
            bits[_sorted[i] >> 6] |= 1UL << (_sorted[i] & 63);
        }

        (_bits, _sorted) = (bits, []);
    }
}
