using System.Collections.Concurrent;

namespace SyncOps.Simulators;

/// <summary>
/// One entity's records, generated on demand from their index (so 200,000 records cost no memory): ids and creation
/// dates grow with the index, each record was last modified an hour after creation unless churn touched it since.
/// Lists are answered the way WooCommerce and Odoo order them: by id, or by modification time then id. Records can be
/// inserted (new indexes, dated now) and deleted (left out of every list) while clients page.
/// </summary>
public sealed class SimulatedEntity(int count, Func<int, long> idOf, DateTime baseTime)
{
    /// <summary>Creation dates a minute apart span at most this (to late 2025 from 2024), however many records.</summary>
    private static readonly TimeSpan s_span = TimeSpan.FromMinutes(1_000_000);
    private static readonly TimeSpan s_editedAfter = TimeSpan.FromHours(1);
    // A minute apart; closer (whole seconds) for catalogs over a million records, so none is created in the future
    // (10,000,000 a minute apart would reach 2043, and a scan would count them as created while it ran).
    private readonly TimeSpan _step = count <= 1_000_000 ? TimeSpan.FromMinutes(1) : TimeSpan.FromSeconds(Math.Max(1, (int)(s_span.TotalSeconds / count)));
    private readonly ConcurrentDictionary<int, (DateTime Modified, int Revision)> _churned = new();
    private readonly ConcurrentDictionary<int, DateTime> _insertedAt = new();
    private readonly ConcurrentDictionary<int, bool> _deleted = new();
    private int _count = count;

    /// <summary>Indexes in use (deleted ones included: they keep their place).</summary>
    public int Count => Volatile.Read(ref _count);

    public long IdOf(int index) => idOf(index);

    public DateTime CreatedOf(int index) => _insertedAt.TryGetValue(index, out var at) ? at : baseTime + (_step * index);

    public bool IsDeleted(int index) => _deleted.ContainsKey(index);

    /// <summary>Creates <paramref name="inserts"/> records now, after the last one; returns their indexes.</summary>
    public IReadOnlyList<int> Insert(int inserts, DateTime nowUtc)
    {
        var created = new List<int>(inserts);
        for (var i = 0; i < inserts; i++)
        {
            var index = Interlocked.Increment(ref _count) - 1;
            var now = new DateTime(nowUtc.Ticks - (nowUtc.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
            _insertedAt[index] = now;
            Touch(index, nowUtc);
            created.Add(index);
        }

        return created;
    }

    /// <summary>Deletes the first <paramref name="deletes"/> records still present; returns their indexes.</summary>
    public IReadOnlyList<int> DeleteFirst(int deletes)
    {
        var deleted = new List<int>(deletes);
        for (var index = 0; deletes > 0 && index < Count; index++)
        {
            if (_deleted.TryAdd(index, true))
            {
                deletes--;
                deleted.Add(index);
            }
        }

        return deleted;
    }

    /// <summary>Deletes one record (as a store's admin would); false when it is already gone or does not exist.</summary>
    public bool Delete(int index) => index >= 0 && index < Count && _deleted.TryAdd(index, true);

    /// <summary>Brings a deleted record back, unchanged (WooCommerce's trash, Odoo's archive): listed again where it was.</summary>
    public bool Restore(int index) => _deleted.TryRemove(index, out _);

    public DateTime ModifiedOf(int index) => _churned.TryGetValue(index, out var churn) ? churn.Modified : CreatedOf(index) + s_editedAfter;

    /// <summary>How many times churn changed the record (0: as generated); payload values depend on it.</summary>
    public int RevisionOf(int index) => _churned.TryGetValue(index, out var churn) ? churn.Revision : 0;

    /// <summary>Modifies a record now (WooCommerce and Odoo dates have 1 s granularity).</summary>
    public void Touch(int index, DateTime nowUtc)
    {
        var now = new DateTime(nowUtc.Ticks - (nowUtc.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
        _churned.AddOrUpdate(index, _ => (now, 1), (_, old) => (now, old.Revision + 1));
    }

    /// <summary>The indexes of one page and the list's total.</summary>
    public (List<int> Indexes, int Total) Page(DateTime? modifiedAfter, bool byModified, int offset, int limit)
    {
        // Records never churned and modified after the bound form the index range [first, count): dates grow with it.
        var first = 0;
        if (modifiedAfter is { } after)
        {
            var x = (after - baseTime - s_editedAfter).TotalSeconds / _step.TotalSeconds;
            first = x < 0 ? 0 : (int)Math.Min(Count, Math.Floor(x) + 1);
        }

        var size = Count;
        // Deleted records leave every list; for the index arithmetic they are skipped like churned ones.
        var churned = _churned.Where(c => !_deleted.ContainsKey(c.Key)).ToArray();
        var included = churned.Where(c => modifiedAfter is null || c.Value.Modified > modifiedAfter).ToList();
        var churnedInRange = churned.Select(c => c.Key).Concat(_deleted.Keys).Where(i => i >= first).Distinct().Order().ToList();
        var page = new List<int>(limit);
        if (byModified)
        {
            // Untouched records in index order, then touched ones by (modified, id): churn happens after generation.
            var untouched = size - first - churnedInRange.Count;
            var touched = included.OrderBy(c => c.Value.Modified).ThenBy(c => c.Key).Select(c => c.Key).ToList();
            for (var k = offset; k < offset + limit && k < untouched + touched.Count; k++)
            {
                page.Add(k < untouched ? NthOfRange(first, churnedInRange, k) : touched[k - untouched]);
            }

            return (page, untouched + touched.Count);
        }

        // By id: touched records stay in place when still in the window; those below the range join it.
        var below = included.Select(c => c.Key).Where(i => i < first).Order().ToList();
        var excluded = churnedInRange.Where(i => !included.Any(c => c.Key == i)).ToList();
        var total = below.Count + (size - first) - excluded.Count;
        for (var k = offset; k < offset + limit && k < total; k++)
        {
            page.Add(k < below.Count ? below[k] : NthOfRange(first, excluded, k - below.Count));
        }

        return (page, total);
    }

    /// <summary>The n-th index of [first, count) leaving out the sorted <paramref name="skip"/> list.</summary>
    private static int NthOfRange(int first, List<int> skip, int n)
    {
        var candidate = first + n;
        foreach (var s in skip)
        {
            if (s <= candidate)
            {
                candidate++;
            }
            else
            {
                break;
            }
        }

        return candidate;
    }
}
