using Npgsql;
using SyncOps.Security;
using SyncOps.Server.Auth;
using SyncOps.Server.Rest.Catalog;

namespace SyncOps.Server.Rest.OpenApi;

/// <summary>
/// Reads, as the caller's role, what the OpenAPI document shows of one exposed schema: the schema cache's relations and
/// functions that the role holds a privilege on (PostgREST's default <c>openapi-mode = follow-privileges</c>, its
/// <c>accessibleTables</c>/<c>accessibleFuncs</c> queries in <c>SchemaCache.hs</c>), with the comments, nullability,
/// lengths, defaults and enum labels that the schema cache itself does not keep. Read per request: the document is
/// asked for rarely, and privileges differ by role.
/// </summary>
internal sealed class OpenApiCatalog(NpgsqlDataSource dataSource, SchemaCache schemaCache, RestOptions options)
{
    // PostgREST's accessibleTables condition, evaluated as the caller (role set by UserSession); insertable/updatable/
    // deletable as PostgREST's tablesSqlQuery computes them (pg_relation_is_updatable bits 8, 4 and 16 for views).
    private const string RelationsSql = """
        select c.relname, obj_description(c.oid, 'pg_class'),
               c.relkind in ('r', 'p') or (pg_relation_is_updatable(c.oid::regclass, true) & 28) <> 0,
               a.attname, format_type(a.atttypid, null), not a.attnotnull,
               case when a.atttypid in ('varchar'::regtype, 'bpchar'::regtype) and a.atttypmod > 4 then a.atttypmod - 4 end,
               case when a.attgenerated = '' then pg_get_expr(d.adbin, d.adrelid) end,
               col_description(c.oid, a.attnum),
               coalesce((select array_agg(e.enumlabel::text order by e.enumsortorder) from pg_enum e
                         where e.enumtypid = a.atttypid), '{}')
        from pg_class c
        join pg_namespace n on n.oid = c.relnamespace
        join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
        left join pg_attrdef d on d.adrelid = c.oid and d.adnum = a.attnum
        where n.nspname = $1 and c.relname = any ($2)
          and (pg_has_role(c.relowner, 'USAGE')
               or has_table_privilege(c.oid, 'SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER')
               or has_any_column_privilege(c.oid, 'SELECT, INSERT, UPDATE, REFERENCES'))
        order by c.relname, a.attnum
        """;

    private const string RoutinesSql = """
        select p.proname, obj_description(p.oid, 'pg_proc')
        from pg_proc p join pg_namespace n on n.oid = p.pronamespace
        where n.nspname = $1 and p.proname = any ($2) and has_function_privilege(p.oid, 'execute')
        order by p.proname, p.oid
        """;

    private const string SchemaSql = "select obj_description(n.oid, 'pg_namespace') from pg_namespace n where n.nspname = $1";

    public async Task<OpenApiModel> LoadAsync(RequestIdentity identity, string schema, CancellationToken ct)
    {
        var snapshot = schemaCache.Snapshot;
        var tables = snapshot.Tables.Values.Where(t => t.Schema == schema).Select(t => t.Name).ToArray();
        var functions = snapshot.Functions.Values.SelectMany(f => f).Where(f => f.Schema == schema).ToList();
        var user = new UserContext(identity.Role, identity.ClaimsJson) { ReadOnly = true, StatementTimeout = options.StatementTimeout };
        await using var session = await UserSession.OpenAsync(dataSource, user, ct);
        var relations = await ReadRelationsAsync(session.Connection, schema, tables, ct);
        var descriptions = await ReadRoutinesAsync(session.Connection, schema, functions.Select(f => f.Name).Distinct().ToArray(), ct);
        // Overloads share one path in PostgREST's document; the first one described stands for the name.
        var routines = functions.Where(f => descriptions.ContainsKey(f.Name)).GroupBy(f => f.Name, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new OpenApiRoutine(g.First(), descriptions[g.Key])).ToList();
        string? schemaDescription;
        await using (var command = new NpgsqlCommand(SchemaSql, session.Connection))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = schema });
            schemaDescription = await command.ExecuteScalarAsync(ct) as string;
        }

        return new OpenApiModel(schema, schemaDescription, relations, routines);
    }

    private static async Task<List<OpenApiRelation>> ReadRelationsAsync(
        NpgsqlConnection connection, string schema, string[] tables, CancellationToken ct)
    {
        var relations = new List<OpenApiRelation>();
        await using var command = new NpgsqlCommand(RelationsSql, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = schema });
        command.Parameters.Add(new NpgsqlParameter { Value = tables });
        await using var reader = await command.ExecuteReaderAsync(ct);
        List<OpenApiColumn>? columns = null;
        while (await reader.ReadAsync(ct))
        {
            var name = reader.GetString(0);
            if (relations.Count == 0 || relations[^1].Name != name)
            {
                columns = [];
                relations.Add(new OpenApiRelation(name, Text(reader, 1), reader.GetBoolean(2), columns));
            }

            columns!.Add(new OpenApiColumn(reader.GetString(3), reader.GetString(4), reader.GetBoolean(5),
                reader.IsDBNull(6) ? null : reader.GetInt32(6), Text(reader, 7), Text(reader, 8), reader.GetFieldValue<string[]>(9)));
        }

        return relations;
    }

    private static async Task<Dictionary<string, string?>> ReadRoutinesAsync(
        NpgsqlConnection connection, string schema, string[] names, CancellationToken ct)
    {
        var descriptions = new Dictionary<string, string?>(StringComparer.Ordinal);
        await using var command = new NpgsqlCommand(RoutinesSql, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = schema });
        command.Parameters.Add(new NpgsqlParameter { Value = names });
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            descriptions.TryAdd(reader.GetString(0), Text(reader, 1));
        }

        return descriptions;
    }

    private static string? Text(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
