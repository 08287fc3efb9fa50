using Npgsql;
using NpgsqlTypes;

namespace SyncOps.Database;

/// <summary>
/// Positional parameters (<c>$1</c>, <c>$2</c>, ...) in the order given: the one helper every table owner uses. A null
/// becomes SQL NULL, typed by the statement's cast or column; where PostgreSQL cannot infer the type of a NULL
/// (<c>jsonb</c>, <c>uuid</c> in an expression, arrays), pass <see cref="Typed"/> in its place.
/// </summary>
internal static class SqlParameters
{
    public static NpgsqlCommand AddValues(this NpgsqlCommand command, params ReadOnlySpan<object?> values)
    {
        foreach (var value in values)
        {
            command.Parameters.Add(value as NpgsqlParameter ?? new NpgsqlParameter { Value = value ?? DBNull.Value });
        }

        return command;
    }

    /// <summary>A value with an explicit type, for NULLs PostgreSQL could not type and for arrays.</summary>
    public static NpgsqlParameter Typed(object? value, NpgsqlDbType type) => new() { Value = value ?? DBNull.Value, NpgsqlDbType = type };
}
