using Npgsql;

namespace SyncOps.Server.Realtime;

/// <summary>What a join may bind to: a table that exists and that the subscriber's role may read.</summary>
internal sealed class RealtimeCatalog(NpgsqlDataSource dataSource)
{
    private const string Sql = """
        select has_table_privilege($1, c.oid, 'select')
        from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
        where n.nspname = $2 and c.relname = $3 and c.relkind in ('r', 'p')
        """;

    public async Task<bool> CanSelectAsync(string role, string schema, string table, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Sql);
        command.Parameters.Add(new NpgsqlParameter { Value = role });
        command.Parameters.Add(new NpgsqlParameter { Value = schema });
        command.Parameters.Add(new NpgsqlParameter { Value = table });
        return await command.ExecuteScalarAsync(cancellationToken) is true;
    }
}
