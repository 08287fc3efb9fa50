using Npgsql;

namespace SyncOps.Server.Rest.Catalog;

/// <summary>Reads the exposed tables and functions of schema public from pg_catalog.</summary>
internal static class CatalogLoader
{
    // Tables of schema public with row-level security on: the sync tables and whatever tables the engine adds later.
    // Partitions are reached through their parent only.
    private const string TablesSql = """
        select c.relname, a.attname, format_type(a.atttypid, null),
               exists (select from pg_index i where i.indrelid = c.oid and i.indisprimary and a.attnum = any (i.indkey))
        from pg_class c
        join pg_namespace n on n.oid = c.relnamespace
        join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
        where n.nspname = 'public' and c.relkind in ('r', 'p') and c.relrowsecurity and not c.relispartition
        order by c.relname, a.attnum
        """;

    private const string FunctionsSql = """
        select p.proname, p.provolatile = 'v', p.proretset, rt.oid = 'void'::regtype, rt.typtype = 'c',
               rt.oid = 'record'::regtype, p.pronargdefaults, args.names, args.types, args.modes,
               coalesce((select array_agg(a.attname::text order by a.attnum) from pg_attribute a
                         where a.attrelid = rt.typrelid and a.attnum > 0 and not a.attisdropped), '{}'),
               coalesce((select array_agg(format_type(a.atttypid, null) order by a.attnum) from pg_attribute a
                         where a.attrelid = rt.typrelid and a.attnum > 0 and not a.attisdropped), '{}')
        from pg_proc p
        join pg_namespace n on n.oid = p.pronamespace
        join pg_type rt on rt.oid = p.prorettype
        cross join lateral (
            select coalesce(array_agg(coalesce(p.proargnames[o], '') order by o), '{}') as names,
                   coalesce(array_agg(format_type(t, null) order by o), '{}') as types,
                   coalesce(array_agg(coalesce(p.proargmodes[o]::text, 'i') order by o), '{}') as modes
            from unnest(coalesce(p.proallargtypes, p.proargtypes::oid[])) with ordinality as u (t, o)) args
        where n.nspname = 'public' and p.prokind = 'f' and rt.typname not in ('trigger', 'event_trigger')
        """;

    public static async Task<Dictionary<string, TableInfo>> LoadTablesAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var columns = new Dictionary<string, List<ColumnInfo>>(StringComparer.Ordinal);
        await using var command = dataSource.CreateCommand(TablesSql);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var table = reader.GetString(0);
            if (!columns.TryGetValue(table, out var list))
            {
                columns[table] = list = [];
            }

            list.Add(new ColumnInfo(reader.GetString(1), reader.GetString(2), reader.GetBoolean(3)));
        }

        return columns.ToDictionary(kv => kv.Key, kv => new TableInfo(kv.Key, kv.Value), StringComparer.Ordinal);
    }

    public static async Task<Dictionary<string, List<FunctionInfo>>> LoadFunctionsAsync(
        NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var functions = new Dictionary<string, List<FunctionInfo>>(StringComparer.Ordinal);
        await using var command = dataSource.CreateCommand(FunctionsSql);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var function = Read(reader);
            if (function is null)
            {
                continue;
            }

            if (!functions.TryGetValue(function.Name, out var list))
            {
                functions[function.Name] = list = [];
            }

            list.Add(function);
        }

        return functions;
    }

    private static FunctionInfo? Read(NpgsqlDataReader reader)
    {
        var (name, volatile_, set, isVoid, composite, record) =
            (reader.GetString(0), reader.GetBoolean(1), reader.GetBoolean(2), reader.GetBoolean(3), reader.GetBoolean(4), reader.GetBoolean(5));
        var defaults = reader.GetInt16(6);
        var (names, types, modes) = (reader.GetFieldValue<string[]>(7), reader.GetFieldValue<string[]>(8), reader.GetFieldValue<string[]>(9));
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

        if (inputs.Any(p => p.Name.Length == 0))
        {
            return null; // unnamed parameters cannot be passed by name; PostgREST skips them too
        }

        var parameters = inputs.Select((p, i) => new FunctionParameter(p.Name, p.Type, i >= inputs.Count - defaults)).ToList();
        if (composite)
        {
            var (columnNames, columnTypes) = (reader.GetFieldValue<string[]>(10), reader.GetFieldValue<string[]>(11));
            outputs = columnNames.Select((c, i) => new ColumnInfo(c, columnTypes[i], false)).ToList();
        }

        var rows = composite || (record && outputs.Count > 0);
        var shape = isVoid ? ResultShape.Void
            : set ? (rows ? ResultShape.Rows : ResultShape.Scalars)
            : rows && (composite || outputs.Count > 1) ? ResultShape.Row
            : ResultShape.Scalar;
        return new FunctionInfo(name, parameters, shape, volatile_, outputs);
    }
}
