using Npgsql;

namespace SyncOps.Testing;

/// <summary>
/// Parameterised SQL for tests: on an open connection (the one <c>AsRoleAsync</c> hands out, with its role and claims)
/// or on a data source (the superuser's, to arrange data and check what really happened).
/// </summary>
public static class Sql
{
    public static async Task<int> ExecuteAsync(NpgsqlDataSource dataSource, string sql, params object[] parameters)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return await ExecuteAsync(connection, sql, parameters);
    }

    public static async Task<T?> ScalarAsync<T>(NpgsqlDataSource dataSource, string sql, params object[] parameters)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return await ScalarAsync<T>(connection, sql, parameters);
    }

    public static async Task<int> ExecuteAsync(NpgsqlConnection connection, string sql, params object[] parameters)
    {
        await using var command = Command(connection, sql, parameters);
        return await command.ExecuteNonQueryAsync();
    }

    public static async Task<T?> ScalarAsync<T>(NpgsqlConnection connection, string sql, params object[] parameters)
    {
        await using var command = Command(connection, sql, parameters);
        var value = await command.ExecuteScalarAsync();
        return value is DBNull or null ? default : (T)value;
    }

    /// <summary>The first row as column name to value (DBNull as null), or null when there is none.</summary>
    public static async Task<Dictionary<string, object?>?> RowAsync(NpgsqlConnection connection, string sql, params object[] parameters)
    {
        await using var command = Command(connection, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            return null;
        }

        var row = new Dictionary<string, object?>(StringComparer.Ordinal);
        for (var i = 0; i < reader.FieldCount; i++)
        {
            row[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i);
        }

        return row;
    }

    /// <summary>Runs the statement inside a savepoint and returns PostgreSQL's error, so the transaction stays usable.</summary>
    public static async Task<PostgresException> FailsAsync(NpgsqlConnection connection, string sql, params object[] parameters)
    {
        await using (var savepoint = new NpgsqlCommand("savepoint expect_failure", connection))
        {
            await savepoint.ExecuteNonQueryAsync();
        }

        var error = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(connection, sql, parameters));
        await using (var rollback = new NpgsqlCommand("rollback to savepoint expect_failure", connection))
        {
            await rollback.ExecuteNonQueryAsync();
        }

        return error;
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, object[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return command;
    }
}
