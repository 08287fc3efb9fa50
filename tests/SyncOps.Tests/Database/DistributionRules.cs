using Npgsql;

namespace SyncOps.Tests.Database;

/// <summary>
/// What Citus needs to distribute SyncOps by organisation (docs/scale-out.md), read from the catalog: every table of
/// SyncOps' schemas is distributed by org_id, with org_id in each primary key and unique index and foreign keys to
/// other distributed tables that match org_id to org_id, unless it is listed below as a reference or a local table.
/// </summary>
internal static class DistributionRules
{
    /// <summary>
    /// Reference tables (create_reference_table: a full copy on every node), and why. Adding one is a design decision:
    /// a table holding one organisation's rows belongs distributed; only small shared lookups every node reads go here.
    /// They may point only at other reference tables.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> ReferenceTables = new Dictionary<string, string>
    {
        ["public.organizations"] = "every organisation, read by membership checks on every node",
        ["public.organization_members"] = "org_ids() reads the signed-in user's memberships by user id, on every node",
        ["auth.users_extended"] = "org_ids() reads the signed-in user's home organisation by user id, on every node",
        // The same table where SyncOps may not write to auth (the Supabase install, docs/supabase.md).
        ["syncops_auth.users_extended"] = "org_ids() reads the signed-in user's home organisation by user id, on every node",
        ["syncops_private.server_secrets"] = "every serve process reads the shared JWT secret by name",
    };

    /// <summary>
    /// Tables left local to the coordinator (neither distributed nor copied), and why. Nothing distributed may point at
    /// them.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> CoordinatorTables = new Dictionary<string, string>
    {
        ["public.schema_migrations"] = "the migrator's record of applied scripts, read only by the migrator",
        // SyncOps' own /auth/v1 (GoTrue subset), when SyncOps owns the auth schema: only serve's sign-in reads them.
        ["auth.users"] = "the users of SyncOps' own /auth/v1, read only by its sign-in endpoints",
        ["auth.sessions"] = "the sessions of SyncOps' own /auth/v1, read only by its sign-in endpoints",
        ["auth.refresh_tokens"] = "the refresh tokens of SyncOps' own /auth/v1, read only by its sign-in endpoints",
    };

    /// <summary>Each violation as "schema.table: what is wrong", for every table the given connection can see.</summary>
    public static async Task<IReadOnlyList<string>> ViolationsAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand(Sql, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = ReferenceTables.Keys.ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = CoordinatorTables.Keys.ToArray() });
        var violations = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            violations.Add($"{reader.GetString(0)}: {reader.GetString(1)}");
        }

        return violations;
    }

    // $1: reference tables, $2: coordinator tables. Partitions are checked through their parent (Citus distributes the
    // parent and its partitions follow it); expression and partial unique indexes count like plain ones.
    private const string Sql = """
        with tables as (
            select c.oid, n.nspname || '.' || c.relname as name,
                   case when n.nspname || '.' || c.relname = any ($1) then 'reference'
                        when n.nspname || '.' || c.relname = any ($2) then 'coordinator'
                        else 'distributed' end as kind,
                   (select a.attnum from pg_attribute a
                    where a.attrelid = c.oid and a.attname = 'org_id' and not a.attisdropped) as org_attnum
            from pg_class c
            join pg_namespace n on n.oid = c.relnamespace
            where c.relkind in ('r', 'p') and not c.relispartition
              and (n.nspname in ('public', 'auth') or n.nspname like 'syncops\_%')
        ),
        foreign_keys as (
            select t.name, t.kind, t.org_attnum, k.conname, k.conkey, k.confkey,
                   r.name as target, r.kind as target_kind, r.org_attnum as target_org_attnum
            from tables t
            join pg_constraint k on k.conrelid = t.oid and k.contype = 'f'
            join tables r on r.oid = k.confrelid
        )
        select t.name, 'has no org_id column to be distributed by' from tables t
        where t.kind = 'distributed' and t.org_attnum is null
        union all
        select t.name, 'has no primary key' from tables t
        where t.kind = 'distributed'
          and not exists (select from pg_constraint k where k.conrelid = t.oid and k.contype = 'p')
        union all
        select t.name, format('unique index %s does not include org_id', i.indexrelid::regclass) from tables t
        join pg_index i on i.indrelid = t.oid and i.indisunique
        where t.kind = 'distributed' and t.org_attnum is not null and not t.org_attnum = any (i.indkey::int2[])
        union all
        select f.name, format('foreign key %s to %s does not match org_id to org_id', f.conname, f.target)
        from foreign_keys f
        where f.kind = 'distributed' and f.target_kind = 'distributed'
          and not exists (select from unnest(f.conkey, f.confkey) pair(local, remote)
                          where pair.local = f.org_attnum and pair.remote = f.target_org_attnum)
        union all
        select f.name, format('foreign key %s points at the %s table %s', f.conname, f.target_kind, f.target)
        from foreign_keys f
        where (f.kind = 'distributed' and f.target_kind = 'coordinator')
           or (f.kind = 'reference' and f.target_kind <> 'reference')
           or (f.kind = 'coordinator' and f.target_kind = 'distributed')
        order by 1, 2
        """;
}
