using Npgsql;

namespace SyncOps.Server.Rest.Catalog;

/// <summary>Reads the exposed relations, foreign keys and functions of the exposed schemas from pg_catalog.</summary>
internal static class CatalogLoader
{
    // Tables of the exposed schemas with row-level security on (the sync tables and whatever tables the engine adds
    // later), and views, as PostgREST exposes them; with $2 (SYNCOPS_EXPOSE_ALL) every table and foreign table, as
    // PostgREST does (its role's privileges decide). Partitions are reached through their parent only.
    private const string TablesSql = """
        select n.nspname, c.relname, c.relkind in ('v', 'm'), a.attname, format_type(a.atttypid, null),
               exists (select from pg_index i where i.indrelid = c.oid and i.indisprimary and a.attnum = any (i.indkey)),
               coalesce((select array_agg(array_to_string(array(
                            select att.attname from unnest(k.conkey) with ordinality u(n, o)
                            join pg_attribute att on att.attrelid = c.oid and att.attnum = u.n order by u.o), ','))
                         from pg_constraint k where k.conrelid = c.oid and k.contype in ('p', 'u')), '{}'),
               case when a.attgenerated = '' then pg_get_expr(d.adbin, d.adrelid) end
        from pg_class c
        join pg_namespace n on n.oid = c.relnamespace
        join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
        left join pg_attrdef d on d.adrelid = c.oid and d.adnum = a.attnum
        where n.nspname = any ($1) and not c.relispartition
          and ((c.relkind in ('r', 'p') and c.relrowsecurity) or c.relkind in ('v', 'm') or ($2 and c.relkind in ('r', 'p', 'f')))
        order by n.nspname, c.relname, a.attnum
        """;

    // Foreign keys between relations of the exposed schemas (a partition's copies of its parent's keys excluded).
    private const string ForeignKeysSql = """
        select k.conname, n.nspname, c.relname,
               array(select a.attname::text from unnest(k.conkey) with ordinality u(n, o)
                     join pg_attribute a on a.attrelid = k.conrelid and a.attnum = u.n order by u.o),
               f.relname,
               array(select a.attname::text from unnest(k.confkey) with ordinality u(n, o)
                     join pg_attribute a on a.attrelid = k.confrelid and a.attnum = u.n order by u.o)
        from pg_constraint k
        join pg_class c on c.oid = k.conrelid
        join pg_namespace n on n.oid = c.relnamespace
        join pg_class f on f.oid = k.confrelid
        where k.contype = 'f' and k.conparentid = 0 and n.nspname = any ($1) and f.relnamespace = c.relnamespace
        order by k.conname
        """;

    private const string FunctionsSql = """
        select n.nspname, p.proname, p.provolatile = 'v', p.proretset, rt.oid = 'void'::regtype, rt.typtype = 'c',
               rt.oid = 'record'::regtype, p.pronargdefaults, args.names, args.types, args.modes,
               coalesce((select array_agg(a.attname::text order by a.attnum) from pg_attribute a
                         where a.attrelid = rt.typrelid and a.attnum > 0 and not a.attisdropped), '{}'),
               coalesce((select array_agg(format_type(a.atttypid, null) order by a.attnum) from pg_attribute a
                         where a.attrelid = rt.typrelid and a.attnum > 0 and not a.attisdropped), '{}'),
               format_type(p.prorettype, null)
        from pg_proc p
        join pg_namespace n on n.oid = p.pronamespace
        join pg_type rt on rt.oid = p.prorettype
        cross join lateral (
            select coalesce(array_agg(coalesce(p.proargnames[o], '') order by o), '{}') as names,
                   coalesce(array_agg(format_type(t, null) order by o), '{}') as types,
                   coalesce(array_agg(coalesce(p.proargmodes[o]::text, 'i') order by o), '{}') as modes
            from unnest(coalesce(p.proallargtypes, p.proargtypes::oid[])) with ordinality as u (t, o)) args
        where n.nspname = any ($1) and p.prokind = 'f' and rt.typname not in ('trigger', 'event_trigger')
        """;

    public static async Task<Dictionary<string, TableInfo>> LoadTablesAsync(
        NpgsqlDataSource dataSource, IReadOnlyList<string> schemas, bool exposeAll, CancellationToken ct)
    {
        var tables = new Dictionary<string, (string Schema, string Name, bool IsView, string[] Keys, List<ColumnInfo> Columns)>(StringComparer.Ordinal);
        await using var command = dataSource.CreateCommand(TablesSql);
        command.Parameters.Add(new NpgsqlParameter { Value = schemas.ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = exposeAll });
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var key = CatalogSnapshot.Key(reader.GetString(0), reader.GetString(1));
            if (!tables.TryGetValue(key, out var table))
            {
                tables[key] = table = (reader.GetString(0), reader.GetString(1), reader.GetBoolean(2), reader.GetFieldValue<string[]>(6), []);
            }

            table.Columns.Add(new ColumnInfo(reader.GetString(3), reader.GetString(4), reader.GetBoolean(5),
                reader.IsDBNull(7) ? null : reader.GetString(7)));
        }

        return tables.ToDictionary(kv => kv.Key, kv => new TableInfo(kv.Value.Schema, kv.Value.Name, kv.Value.Columns, kv.Value.IsView,
            kv.Value.Keys.Select(k => (IReadOnlyList<string>)k.Split(',')).ToList()), StringComparer.Ordinal);
    }

    public static async Task<List<ForeignKey>> LoadForeignKeysAsync(
        NpgsqlDataSource dataSource, IReadOnlyList<string> schemas, CancellationToken ct)
    {
        var keys = new List<ForeignKey>();
        await using var command = dataSource.CreateCommand(ForeignKeysSql);
        command.Parameters.Add(new NpgsqlParameter { Value = schemas.ToArray() });
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            keys.Add(new ForeignKey(reader.GetString(0), reader.GetString(1), reader.GetString(2),
                reader.GetFieldValue<string[]>(3), reader.GetString(4), reader.GetFieldValue<string[]>(5)));
        }

        return keys;
    }

    public static async Task<Dictionary<string, List<FunctionInfo>>> LoadFunctionsAsync(
        NpgsqlDataSource dataSource, IReadOnlyList<string> schemas, CancellationToken ct)
    {
        var functions = new Dictionary<string, List<FunctionInfo>>(StringComparer.Ordinal);
        await using var command = dataSource.CreateCommand(FunctionsSql);
        command.Parameters.Add(new NpgsqlParameter { Value = schemas.ToArray() });
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var function = Read(reader);
            if (function is null)
            {
                continue;
            }

            var key = CatalogSnapshot.Key(function.Schema, function.Name);
            if (!functions.TryGetValue(key, out var list))
            {
                functions[key] = list = [];
            }

            list.Add(function);
        }

        return functions;
    }

    private static FunctionInfo? Read(NpgsqlDataReader reader)
    {
        var schema = reader.GetString(0);
        var (name, volatile_, set, isVoid, composite, record) =
            (reader.GetString(1), reader.GetBoolean(2), reader.GetBoolean(3), reader.GetBoolean(4), reader.GetBoolean(5), reader.GetBoolean(6));
        var defaults = reader.GetInt16(7);
        var (names, types, modes) = (reader.GetFieldValue<string[]>(8), reader.GetFieldValue<string[]>(9), reader.GetFieldValue<string[]>(10));
        var inputs = new List<(string Name, string Type)>();
        var outputs = new List<ColumnInfo>();
        for (var i = 0; i < names.Length; i++)
        {
            if (modes[i] is "i" or "b" or "v")
            {
                inputs.Add((names[i], types[i]));
            }

            if (modes[i] is "o" or "b" or "t")
            {
                outputs.Add(new ColumnInfo(names[i], types[i], false));
            }
        }

        if (inputs.Count > 1 && inputs.Any(p => p.Name.Length == 0))
        {
            // Unnamed parameters cannot be passed by name; PostgREST skips them too. A single one is kept: a computed
            // field (f(table)) or a function taking the whole body (f(json), params=single-object).
            return null;
        }

        var parameters = inputs.Select((p, i) => new FunctionParameter(p.Name, p.Type, i >= inputs.Count - defaults)).ToList();
        if (composite)
        {
            var (columnNames, columnTypes) = (reader.GetFieldValue<string[]>(11), reader.GetFieldValue<string[]>(12));
            outputs = columnNames.Select((c, i) => new ColumnInfo(c, columnTypes[i], false)).ToList();
        }

        var rows = composite || (record && outputs.Count > 0);
        var shape = isVoid ? ResultShape.Void
            : set ? (rows ? ResultShape.Rows : ResultShape.Scalars)
            : rows && (composite || outputs.Count > 1) ? ResultShape.Row
            : ResultShape.Scalar;
        return new FunctionInfo(name, parameters, shape, volatile_, outputs) { Schema = schema, ReturnType = reader.GetString(13) };
    }
}
