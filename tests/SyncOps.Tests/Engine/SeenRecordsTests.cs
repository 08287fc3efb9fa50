using SyncOps.Engine;

namespace SyncOps.Tests.Engine;

/// <summary>The scan's per-record memory: exact for every id it was given, through its table's growth.</summary>
public sealed class SeenRecordsTests
{
    [Fact]
    public void Set_ManyNumericAndOtherIds_EachReadsBackItsOwnEntry()
    {
        var seen = new SeenRecords();
        // Dense ids, a sparse stride and huge ones: several doublings of the table and probe chains.
        var ids = Enumerable.Range(0, 50_000).Select(i => (long)i).Concat(Enumerable.Range(1, 5_000).Select(i => i * 65_536L)).Append(long.MaxValue).ToList();
        foreach (var id in ids)
        {
            seen.Set(id.ToString(System.Globalization.CultureInfo.InvariantCulture), new SeenRecords.Entry((int)(id % 0xFFFFFF), (int)(id % 7) + 1));
        }

        seen.Set("SKU-1", new SeenRecords.Entry(5, 2));
        seen.Set("0042", new SeenRecords.Entry(6, 3)); // leading zeros: the same key as "42" would be wrong, so kept as text

        Assert.Equal(ids.Count + 2, seen.Count);
        Assert.All(ids, id => Assert.True(seen.TryGet(id.ToString(System.Globalization.CultureInfo.InvariantCulture), out var entry)
            && entry == new SeenRecords.Entry((int)(id % 0xFFFFFF), (int)(id % 7) + 1)));
        Assert.True(seen.TryGet("SKU-1", out var text) && text == new SeenRecords.Entry(5, 2));
        Assert.False(seen.TryGet("50001", out _));
        Assert.False(seen.TryGet("SKU-2", out _));
    }

    [Fact]
    public void Fingerprint_DistinctDatesDiffer_NoDateIsItsOwnValue()
    {
        var start = DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        var prints = Enumerable.Range(0, 10_000).Select(s => SeenRecords.Entry.Fingerprint(start.AddSeconds(s))).ToHashSet();

        Assert.Equal(10_000, prints.Count);
        Assert.DoesNotContain(SeenRecords.Entry.Fingerprint(null), prints);
        Assert.Equal(SeenRecords.Entry.Fingerprint(start), SeenRecords.Entry.Fingerprint(start.ToOffset(TimeSpan.FromHours(2))));
    }
}
