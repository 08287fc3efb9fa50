using System.Collections.Concurrent;
using Npgsql;
using SyncOps.Security;
using SyncOps.Server.Auth;

namespace SyncOps.Server.Realtime;

/// <summary>
/// Sorts subscribers into groups that row-level security treats alike, so a change is decided once per group rather
/// than once per subscriber: per role where the role reads everything, per (role, organisations) where the table has
/// only the membership policy, else per set of claims. A subscriber's organisations are read as that subscriber
/// (<c>org_ids()</c> through <see cref="UserSession"/>) and re-read in the background once <see cref="OrgsLifetime"/>
/// old: a member removed from an organisation may still receive its changes for about that long (plus the re-read),
/// never anyone else.
/// </summary>
internal sealed class RlsViews(NpgsqlDataSource dataSource, TablePolicies policies, TimeProvider time)
{
    public static readonly TimeSpan OrgsLifetime = TimeSpan.FromSeconds(5);
    private const int CacheLimit = 50_000;
    private static readonly TimeSpan s_statementTimeout = TimeSpan.FromSeconds(5);
    // The view itself is kept, so the hub's per-subscriber lookup on every change allocates nothing.
    private readonly ConcurrentDictionary<(string Role, string Claims, string Function), (RlsView View, DateTimeOffset Read)> _orgs = new();
    private readonly ConcurrentDictionary<(string Role, string Claims, string Function), byte> _refreshing = new();

    public async ValueTask<RlsView> GetAsync(RequestIdentity identity, string schema, string table, CancellationToken cancellationToken)
    {
        var policy = await policies.GetAsync(schema, table, identity.Role, cancellationToken);
        if (policy.Unrestricted)
        {
            return new RlsView("all\u001f" + identity.Role, true, null);
        }

        if (policy.OrgIdsFunction is not { } function)
        {
            return new RlsView("claims\u001f" + identity.ClaimsJson, false, null);
        }

        return await OrgsAsync(identity, function, cancellationToken);
    }

    private async ValueTask<RlsView> OrgsAsync(RequestIdentity identity, string function, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_orgs.TryGetValue((identity.Role, identity.ClaimsJson, function), out var cached))
        {
            if (now - cached.Read >= OrgsLifetime && _refreshing.TryAdd((identity.Role, identity.ClaimsJson, function), 0))
            {
                // Re-read off the delivery path: changes keep flowing (on the set read at most a lifetime ago) while
                // one query per user runs, instead of every subscriber's query stalling the feed at once.
                _ = RefreshAsync(identity, function);
            }

            return cached.View;
        }

        return await ReadAsync(identity, function, cancellationToken);
    }

    private async Task RefreshAsync(RequestIdentity identity, string function)
    {
        try
        {
            await ReadAsync(identity, function, CancellationToken.None);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            // Dropped, so this user's changes stop rather than flow on a set that can no longer be checked.
            _orgs.TryRemove((identity.Role, identity.ClaimsJson, function), out _);
        }
        finally
        {
            _refreshing.TryRemove((identity.Role, identity.ClaimsJson, function), out _);
        }
    }

    private async Task<RlsView> ReadAsync(RequestIdentity identity, string function, CancellationToken cancellationToken)
    {
        // function is one of two constants matched by MembershipPolicy, never client text.
        var read = new NpgsqlBatchCommand($"select array(select unnest({function}()) order by 1)");
        var user = new UserContext(identity.Role, identity.ClaimsJson) { StatementTimeout = s_statementTimeout, ReadOnly = true };
        var ids = await UserSession.ExecuteAsync(dataSource, user, read,
            async reader => await reader.ReadAsync(cancellationToken) ? reader.GetFieldValue<string[]>(0) : [], cancellationToken);
        if (_orgs.Count >= CacheLimit)
        {
            _orgs.Clear();
        }

        var orgs = new HashSet<string>(ids, StringComparer.Ordinal);
        // The sorted ids, each length-prefixed, so no org id can make two different sets look alike.
        var key = string.Concat(ids.Select(id => id.Length + ":" + id + ";"));
        var view = new RlsView("orgs\u001f" + identity.Role + "\u001f" + key, false, orgs);
        _orgs[(identity.Role, identity.ClaimsJson, function)] = (view, time.GetUtcNow());
        return view;
    }
}
