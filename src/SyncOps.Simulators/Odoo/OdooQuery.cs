namespace SyncOps.Simulators.Odoo;

/// <summary>
/// search / search_count over a simulated entity: <c>order</c> "id asc" (default), "id desc" or "write_date asc, id
/// asc"; offset and limit; the domain's write_date bound and id bounds. The same answers for JSON-RPC and JSON-2.
/// </summary>
internal static class OdooQuery
{
    public static int Count(SimulatedEntity entity, OdooDomain domain) => Search(entity, domain, "id asc", 0, int.MaxValue, countOnly: true).Total;

    public static List<int> Search(SimulatedEntity entity, OdooDomain domain, string order, int offset, int limit) =>
        Search(entity, domain, order, offset, limit, countOnly: false).Indexes;

    private static (List<int> Indexes, int Total) Search(SimulatedEntity entity, OdooDomain domain, string order, int offset, int limit, bool countOnly)
    {
        if (domain.IdAbove is not null)
        {
            // An id range: walk its indexes (ids grow with the index), leaving out deleted records and those outside the window.
            var range = new List<int>();
            for (var i = FirstIndexAbove(entity, domain.IdAbove.Value); i < entity.Count && entity.IdOf(i) <= (domain.IdAtMost ?? long.MaxValue); i++)
            {
                if (!entity.IsDeleted(i) && (domain.ModifiedAfter is not { } after || entity.ModifiedOf(i) > after))
                {
                    range.Add(i);
                }
            }

            IEnumerable<int> ordered = order.StartsWith("id desc", StringComparison.Ordinal) ? Enumerable.Reverse(range) : range;
            return (countOnly ? [] : ordered.Skip(offset).Take(limit).ToList(), range.Count);
        }

        var byModified = order.StartsWith("write_date", StringComparison.Ordinal);
        var (_, all) = entity.Page(domain.ModifiedAfter, byModified, 0, 0);
        // Records above an id ceiling are the newest ones, at the end of the id order: subtract them from the total.
        var above = domain.IdAtMost is { } ceiling ? CountAbove(entity, domain, ceiling) : 0;
        var total = all - above;
        if (countOnly)
        {
            return ([], total);
        }

        if (order.StartsWith("id desc", StringComparison.Ordinal))
        {
            var start = Math.Max(0, total - offset - limit);
            var take = Math.Max(0, Math.Min(limit, total - offset));
            return (entity.Page(domain.ModifiedAfter, false, start, take).Indexes.AsEnumerable().Reverse().ToList(), total);
        }

        var page = entity.Page(domain.ModifiedAfter, byModified, offset, Math.Min(limit, Math.Max(0, total - offset))).Indexes;
        return (domain.IdAtMost is { } max ? page.Where(i => entity.IdOf(i) <= max).ToList() : page, total);
    }

    private static int CountAbove(SimulatedEntity entity, OdooDomain domain, long ceiling)
    {
        var count = 0;
        for (var i = FirstIndexAbove(entity, ceiling); i < entity.Count; i++)
        {
            if (!entity.IsDeleted(i) && (domain.ModifiedAfter is not { } after || entity.ModifiedOf(i) > after))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>The first index whose id is above <paramref name="id"/> (binary search: ids grow with the index).</summary>
    private static int FirstIndexAbove(SimulatedEntity entity, long id)
    {
        int low = 0, high = entity.Count;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (entity.IdOf(middle) <= id)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
