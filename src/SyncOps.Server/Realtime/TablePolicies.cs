using System.Collections.Concurrent;
using Npgsql;

namespace SyncOps.Server.Realtime;

/// <summary>What row-level security asks of a role reading a table: nothing (RLS off, or a role that bypasses it),
/// or the table's SELECT policies combined as PostgreSQL combines them (permissive ones OR-ed, restrictive ones AND-ed).</summary>
internal sealed record TablePolicy(bool Unrestricted, string Condition)
{
    /// <summary>The membership function when the condition is SyncOps' membership policy alone, else null (matched once, not per change).</summary>
    public string? OrgIdsFunction { get; } = MembershipPolicy.OrgIdsFunction(Condition);
}

/// <summary>
/// The SELECT policies of a table for a role, read from <c>pg_policies</c> (expressions as PostgreSQL deparses them)
/// and kept for a minute, so each change costs no catalog query.
/// </summary>
internal sealed class TablePolicies(NpgsqlDataSource dataSource, TimeProvider time)
{
    private const string Sql = """
        select not c.relrowsecurity or r.rolbypassrls or r.rolsuper,
               (select string_agg('(' || p.qual || ')', ' or ') from pg_catalog.pg_policies p
                where p.schemaname = n.nspname and p.tablename = c.relname and p.permissive = 'PERMISSIVE'
                  and p.cmd in ('SELECT', 'ALL') and p.qual is not null and p.roles && array['public', r.rolname]::name[]),
               (select string_agg('(' || p.qual || ')', ' and ') from pg_catalog.pg_policies p
                where p.schemaname = n.nspname and p.tablename = c.relname and p.permissive = 'RESTRICTIVE'
                  and p.cmd in ('SELECT', 'ALL') and p.qual is not null and p.roles && array['public', r.rolname]::name[])
        from pg_catalog.pg_class c
        join pg_catalog.pg_namespace n on n.oid = c.relnamespace
        cross join pg_catalog.pg_roles r
        where n.nspname = $1 and c.relname = $2 and r.rolname = $3
        """;

    private static readonly TimeSpan s_lifetime = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<(string, string, string), (TablePolicy Policy, DateTimeOffset Read)> _cache = new();

    public async ValueTask<TablePolicy> GetAsync(string schema, string table, string role, CancellationToken cancellationToken)
    {
        var key = (schema, table, role);
        if (_cache.TryGetValue(key, out var cached) && time.GetUtcNow() - cached.Read < s_lifetime)
        {
            return cached.Policy;
        }

        await using var command = dataSource.CreateCommand(Sql);
        command.Parameters.Add(new NpgsqlParameter { Value = schema });
        command.Parameters.Add(new NpgsqlParameter { Value = table });
        command.Parameters.Add(new NpgsqlParameter { Value = role });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var policy = !await reader.ReadAsync(cancellationToken)
            ? new TablePolicy(false, "false") // no such table or role: nothing is visible
            : new TablePolicy(reader.GetBoolean(0),
                (reader.IsDBNull(1) ? "false" : reader.GetString(1)) +
                (reader.IsDBNull(2) ? "" : " and " + reader.GetString(2)));
        _cache[key] = (policy, time.GetUtcNow());
        return policy;
    }
}
