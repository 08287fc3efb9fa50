using System.Globalization;
using SyncOps.Engine;

namespace SyncOps.Tests.Engine;

/// <summary>The scan's id sets: exact for every id given (dense, sparse, huge, text), with one bit an id when dense.</summary>
public sealed class RecordIdSetTests
{
    [Fact]
    public void Add_DenseSparseHugeAndTextIds_EachContainedOnceAndNothingElse()
    {
        var set = new RecordIdSet();
        // Dense ids across several blocks, a sparse stride (array blocks) and the largest id.
        var ids = Enumerable.Range(0, 200_000).Select(i => (long)i).Concat(Enumerable.Range(1, 5_000).Select(i => (i * 70_001L) + 300_000)).Append(long.MaxValue).ToList();
        foreach (var id in ids)
        {
            Assert.True(set.Add(Text(id)));
        }

        Assert.True(set.Add("SKU-1"));
        Assert.True(set.Add("0042")); // leading zeros: the same key as "42" would be wrong, so kept as text

        Assert.Equal(ids.Count + 2, set.Count);
        Assert.All(ids, id => Assert.False(set.Add(Text(id))));
        Assert.Equal(ids.Count + 2, set.Count);
        Assert.All(ids, id => Assert.True(set.Contains(Text(id))));
        Assert.True(set.Contains("SKU-1") && set.Contains("0042") && set.Contains("42"));
        Assert.False(set.Contains("200000"));
        Assert.False(set.Contains("370002")); // next to a sparse id
        Assert.False(set.Contains(Text(long.MaxValue - 1)));
        Assert.False(set.Contains("SKU-2"));
        Assert.False(set.Contains("-1"));
    }

    [Fact]
    public void Add_BlockTurnsIntoBitmap_KeepsEveryIdOfTheArray()
    {
        var set = new RecordIdSet();
        // Out of order, so the sorted array is filled by insertion, then its 4,097th id turns it into a bitmap.
        var ids = Enumerable.Range(0, 4_200).Select(i => (long)((i * 7_919) % 65_536)).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        foreach (var id in ids)
        {
            Assert.True(set.Add(Text(id)));
        }

        Assert.All(ids, id => Assert.True(set.Contains(Text(id))));
        Assert.Equal(65_536 - ids.Count, Enumerable.Range(0, 65_536).Count(i => !set.Contains(Text(i))));
    }

    [Fact]
    public void Add_TenMillionSequentialIds_AllocatesAFewMegabytesNotBytesPerRecord()
    {
        // Bytes this thread allocates (other tests run in parallel, so not the process's heap): the loop that makes
        // the ids' strings alone, then the same loop adding them; the difference is the set's own allocations.
        var strings = Allocated(_ => { });
        var set = new RecordIdSet();
        var withSet = Allocated(id => set.Add(id));

        Assert.Equal(10_000_000, set.Count);
        // 153 blocks: each a sorted array grown to 8 KiB, then its 8 KiB bitmap (1.25 MB kept); the map of issue 10's
        // first version allocated over 256 MiB for the same ids.
        Assert.InRange(withSet - strings, 1_000_000, 6_000_000);
    }

    private static long Allocated(Action<string> use)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 1; i <= 10_000_000; i++)
        {
            use(Text(i));
        }

        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    private static string Text(long id) => id.ToString(CultureInfo.InvariantCulture);
}
