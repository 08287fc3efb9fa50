using System.Collections.Concurrent;

namespace SyncOps.Server.Rest;

/// <summary>
/// Which statement texts the REST API prepares on its pooled connections. A request's statement text depends only on
/// its shape (table, select, filter operators, preferences; every value is a parameter), so a client repeating a call
/// repeats the text, and a prepared statement saves PostgreSQL parsing and planning it again. Npgsql keeps an explicitly
/// prepared statement on its connection until the connection closes, so the number of shapes is capped: a text is
/// prepared from its second use on, and only while fewer than <see cref="Capacity"/> texts are; after that, new shapes
/// run unprepared as before. Npgsql's automatic preparation stays off (AutoPrepareTests): it prepares inside the run
/// that executes, and a failure of that run corrupts its bookkeeping; an explicit preparation is a round trip of its
/// own, before the run, and a failing run leaves the prepared statement intact (ExplicitPrepareTests).
/// </summary>
internal sealed class PreparedShapes(int capacity)
{
    private readonly ConcurrentDictionary<string, bool> _prepared = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _seenOnce = new(StringComparer.Ordinal);

    /// <summary>The most statement texts prepared; each costs a little memory on every pooled connection that runs it.</summary>
    public int Capacity => capacity;

    /// <summary>Whether to prepare <paramref name="sql"/> before running it: on its second use, while there is room.</summary>
    public bool ShouldPrepare(string sql)
    {
        if (capacity <= 0)
        {
            return false;
        }

        if (_prepared.ContainsKey(sql))
        {
            return true;
        }

        if (_seenOnce.TryAdd(sql, true))
        {
            // One-off texts are remembered only up to a bound, so that a stream of distinct shapes costs no memory.
            if (_seenOnce.Count > capacity * 16)
            {
                _seenOnce.Clear();
            }

            return false;
        }

        if (_prepared.Count >= capacity)
        {
            return false;
        }

        _prepared.TryAdd(sql, true);
        return true;
    }
}
