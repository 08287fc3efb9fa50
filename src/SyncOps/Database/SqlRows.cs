using Npgsql;

namespace SyncOps.Database;

/// <summary>Reads a command's rows into values: the one reading loop every table owner uses.</summary>
internal static class SqlRows
{
    /// <summary>Every row the command returns, each turned into a value by <paramref name="read"/>.</summary>
    public static async Task<List<T>> ReadAllAsync<T>(
        this NpgsqlCommand command, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadRowsAsync(read, cancellationToken);
    }

    /// <summary>The rows of the reader's current result (for commands that return several).</summary>
    public static async Task<List<T>> ReadRowsAsync<T>(
        this NpgsqlDataReader reader, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
    {
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(read(reader));
        }

        return rows;
    }
}
