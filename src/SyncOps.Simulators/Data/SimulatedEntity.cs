using System.Collections.Concurrent;

namespace SyncOps.Simulators;

/// <summary>
/// One entity's records, generated on demand from their index (so 200,000 records cost no memory): ids and creation
/// dates grow with the index, each record was last modified an hour after creation unless churn touched it since.
/// Lists are answered the way WooCommerce and Odoo order them: by id, or by modification time then id.
/// </summary>
public sealed class SimulatedEntity(int count, Func<int, long> idOf, DateTime baseTime)
{
    private static readonly TimeSpan s_step = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan s_editedAfter = TimeSpan.FromHours(1);
    private readonly ConcurrentDictionary<int, (DateTime Modified, int Revision)> _churned = new();

    public int Count => count;

    public long IdOf(int index) => idOf(index);

    public DateTime CreatedOf(int index) => baseTime + (s_step * index);

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
            var x = (after - baseTime - s_editedAfter).TotalSeconds / s_step.TotalSeconds;
            first = x < 0 ? 0 : (int)Math.Min(count, Math.Floor(x) + 1);
        }

        var churned = _churned.ToArray();
        var included = churned.Where(c => modifiedAfter is null || c.Value.Modified > modifiedAfter).ToList();
        var churnedInRange = churned.Select(c => c.Key).Where(i => i >= first).Order().ToList();
        var page = new List<int>(limit);
        if (byModified)
        {
            // Untouched records in index order, then touched ones by (modified, id): churn happens after generation.
            var untouched = count - first - churnedInRange.Count;
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
        var total = below.Count + (count - first) - excluded.Count;
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
