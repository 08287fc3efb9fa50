using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace SyncOps.Server.GoTrue;

/// <summary>
/// The owner of <c>auth.sessions</c> and <c>auth.refresh_tokens</c>. Refresh tokens rotate: each is good for one
/// exchange, which revokes it and issues its child. Handing in a revoked token again means a copy leaked, and the whole
/// session goes, every token of it with it (GoTrue's reuse detection). Only a SHA-256 of each token is stored: the
/// tokens are random, so a hash cannot be turned back into a usable token even by someone who reads the table.
/// </summary>
internal sealed class SessionStore(NpgsqlDataSource dataSource, TimeProvider timeProvider, GoTrueOptions options)
{
    /// <summary>Starts a session for a user who just proved who they are; returns it and its first refresh token.</summary>
    public async Task<(Guid SessionId, string RefreshToken)> StartAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        var token = NewToken();
        var now = timeProvider.GetUtcNow();
        await using var command = dataSource.CreateCommand(
            """
            with session as (insert into auth.sessions (user_id, created_at, updated_at) values ($1, $3, $3) returning id)
            insert into auth.refresh_tokens (token_hash, session_id, user_id, created_at)
            select $2, session.id, $1, $3 from session
            returning session_id
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = userId });
        command.Parameters.Add(new NpgsqlParameter { Value = HashOf(token) });
        command.Parameters.Add(new NpgsqlParameter { Value = now });
        return ((Guid)(await command.ExecuteScalarAsync(cancellationToken))!, token);
    }

    /// <summary>Exchanges a refresh token for its successor, in one transaction with the row locked.</summary>
    public async Task<RefreshOutcome> RotateAsync(string refreshToken, CancellationToken cancellationToken = default)
    {
        var now = timeProvider.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        long id;
        Guid sessionId, userId;
        bool revoked;
        DateTimeOffset createdAt;
        await using (var find = new NpgsqlCommand(
            "select id, session_id, user_id, revoked, created_at from auth.refresh_tokens where token_hash = $1 for update", connection))
        {
            find.Parameters.Add(new NpgsqlParameter { Value = HashOf(refreshToken) });
            await using var reader = await find.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return new RefreshOutcome(RefreshStatus.NotFound);
            }

            (id, sessionId, userId, revoked, createdAt) =
                (reader.GetInt64(0), reader.GetGuid(1), reader.GetGuid(2), reader.GetBoolean(3), reader.GetFieldValue<DateTimeOffset>(4));
        }

        if (revoked || now - createdAt > options.RefreshTokenLifetime)
        {
            // Reuse revokes the session; an expired token ends it too, as nothing can refresh it any more.
            await ExecuteAsync(connection, "delete from auth.sessions where id = $1", cancellationToken, sessionId);
            await transaction.CommitAsync(cancellationToken);
            return new RefreshOutcome(revoked ? RefreshStatus.Reused : RefreshStatus.Expired, userId, sessionId);
        }

        var next = NewToken();
        await ExecuteAsync(connection, "update auth.refresh_tokens set revoked = true where id = $1", cancellationToken, id);
        await ExecuteAsync(connection,
            "insert into auth.refresh_tokens (token_hash, session_id, user_id, parent_id, created_at) values ($1, $2, $3, $4, $5)",
            cancellationToken, HashOf(next), sessionId, userId, id, now);
        await ExecuteAsync(connection, "update auth.sessions set updated_at = $2 where id = $1", cancellationToken, sessionId, now);
        await transaction.CommitAsync(cancellationToken);
        return new RefreshOutcome(RefreshStatus.Rotated, userId, sessionId, next);
    }

    public async Task<bool> ExistsAsync(Guid sessionId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("select exists (select from auth.sessions where id = $1)");
        command.Parameters.Add(new NpgsqlParameter { Value = sessionId });
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Ends one session (scope local) or every session of its user (global, supabase-js' default).</summary>
    public async Task EndAsync(Guid sessionId, bool everySessionOfTheUser, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(everySessionOfTheUser
            ? "delete from auth.sessions where user_id = (select user_id from auth.sessions where id = $1)"
            : "delete from auth.sessions where id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = sessionId });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Ends the session a refresh token belongs to (the dashboard's sign-out, which holds only that token).</summary>
    public async Task EndByRefreshTokenAsync(string refreshToken, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "delete from auth.sessions where id = (select session_id from auth.refresh_tokens where token_hash = $1)");
        command.Parameters.Add(new NpgsqlParameter { Value = HashOf(refreshToken) });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string NewToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
        .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string HashOf(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params object[] values)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
