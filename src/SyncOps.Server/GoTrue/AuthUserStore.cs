using Npgsql;

namespace SyncOps.Server.GoTrue;

/// <summary>
/// The owner of <c>auth.users</c> on a database whose auth schema is SyncOps' own (migration 0051): every statement on
/// it is here. Passwords are bcrypt hashes, as GoTrue stores them (cost 10, GoTrue's default), so a hash copied from a
/// Supabase project still verifies.
/// </summary>
internal sealed class AuthUserStore(NpgsqlDataSource dataSource, TimeProvider timeProvider)
{
    private const int BcryptCost = 10;
    private const string Columns =
        "id, email, raw_app_meta_data::text, raw_user_meta_data::text, created_at, updated_at, email_confirmed_at, last_sign_in_at";

    /// <summary>
    /// True when this database holds SyncOps' own users (migration 0051 created auth.users with its sessions); false on
    /// Supabase, whose Auth owns auth.users.
    /// </summary>
    public async Task<bool> IsAvailableAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            """
            select exists (select from information_schema.columns
                           where table_schema = 'auth' and table_name = 'refresh_tokens' and column_name = 'token_hash')
            """);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Creates a confirmed e-mail user (an operator's invitation), with a password or without one yet.</summary>
    public async Task<AuthUser> CreateAsync(string email, string? password, Guid? id = null, CancellationToken cancellationToken = default)
    {
        var now = timeProvider.GetUtcNow();
        await using var command = dataSource.CreateCommand(
            $$"""
            insert into auth.users (id, email, encrypted_password, email_confirmed_at, raw_app_meta_data, created_at, updated_at)
            values (coalesce($1, gen_random_uuid()), $2, $3, $4, '{"provider": "email", "providers": ["email"]}', $4, $4)
            returning {{Columns}}
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)id ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter { Value = Normalize(email) });
        command.Parameters.Add(new NpgsqlParameter { Value = password is null ? DBNull.Value : Hash(password), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = now });
        try
        {
            return (await ReadAsync(command, cancellationToken))!;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw new SyncOpsException($"a user with the e-mail address {email} already exists");
        }
    }

    /// <summary>Sets a user's password; false when there is no user with that address.</summary>
    public async Task<bool> SetPasswordAsync(string email, string password, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "update auth.users set encrypted_password = $2, updated_at = $3 where lower(email) = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = Normalize(email) });
        command.Parameters.Add(new NpgsqlParameter { Value = Hash(password) });
        command.Parameters.Add(new NpgsqlParameter { Value = timeProvider.GetUtcNow() });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>
    /// The user whose e-mail and password match, or null. A missing user still costs one bcrypt check, so the answer
    /// takes as long whether or not the address exists.
    /// </summary>
    public async Task<AuthUser?> VerifyPasswordAsync(string email, string password, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            $"select {Columns}, encrypted_password from auth.users where lower(email) = $1 and (banned_until is null or banned_until < $2)");
        command.Parameters.Add(new NpgsqlParameter { Value = Normalize(email) });
        command.Parameters.Add(new NpgsqlParameter { Value = timeProvider.GetUtcNow() });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var found = await reader.ReadAsync(cancellationToken);
        var hash = found && !reader.IsDBNull(8) ? reader.GetString(8) : s_dummyHash;
        var matches = BCrypt.Net.BCrypt.Verify(password, hash);
        return found && matches && !reader.IsDBNull(8) ? Read(reader) : null;
    }

    public async Task<AuthUser?> FindByEmailAsync(string email, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"select {Columns} from auth.users where lower(email) = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = Normalize(email) });
        return await ReadAsync(command, cancellationToken);
    }

    public async Task<AuthUser?> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"select {Columns} from auth.users where id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        return await ReadAsync(command, cancellationToken);
    }

    public async Task RecordSignInAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("update auth.users set last_sign_in_at = $2 where id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        command.Parameters.Add(new NpgsqlParameter { Value = timeProvider.GetUtcNow() });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static readonly string s_dummyHash = BCrypt.Net.BCrypt.HashPassword("no such user", BcryptCost);

    private static string Hash(string password) => BCrypt.Net.BCrypt.HashPassword(password, BcryptCost);

    private static string Normalize(string email) => email.Trim().ToLowerInvariant();

    private static async Task<AuthUser?> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    private static AuthUser Read(NpgsqlDataReader reader) => new(
        reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
        reader.GetFieldValue<DateTimeOffset>(4), reader.GetFieldValue<DateTimeOffset>(5),
        reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6),
        reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTimeOffset>(7));
}
