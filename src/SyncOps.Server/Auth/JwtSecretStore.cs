using System.Security.Cryptography;
using Npgsql;
using SyncOps.Configuration;

namespace SyncOps.Server.Auth;

/// <summary>
/// Where the HS256 secret that signs every key and access token comes from: <see cref="SyncOpsSettings.JwtSecret"/>
/// (<c>SYNCOPS_JWT_SECRET</c>, read once at the edge); else, for the embedded database, <c>&lt;data dir&gt;/jwt-secret</c>
/// (mode 600, generated once); else, for an external database, a row of <c>syncops_private.server_secrets</c> (migration 0010) that only the owning role can read, so that several
/// <c>serve</c> processes against one database agree without configuration.
/// </summary>
internal static class JwtSecretStore
{
    /// <summary>HS256 needs a key of at least 256 bits; Supabase's secrets are 32 characters or more too.</summary>
    public const int MinimumLength = 32;

    public static async Task<string> ResolveAsync(
        SyncOpsSettings settings, NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!string.IsNullOrEmpty(settings.JwtSecret))
        {
            return Validate(settings.JwtSecret, SyncOpsSettings.JwtSecretVariable);
        }

        return settings.UsesEmbeddedDatabase
            ? await FromFileAsync(Path.Combine(settings.DataDirectory, "jwt-secret"), cancellationToken)
            : await FromDatabaseAsync(dataSource, cancellationToken);
    }

    public static string Validate(string secret, string source) =>
        secret.Length >= MinimumLength
            ? secret
            : throw new SyncOpsException($"the JWT secret from {source} must be at least {MinimumLength} characters long");

    private static string NewSecret() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    private static async Task<string> FromFileAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            try
            {
                // CreateNew: when two processes race, one writes and the other reads what it wrote.
                await using var stream = new FileStream(path, new FileStreamOptions
                {
                    Mode = FileMode.CreateNew,
                    Access = FileAccess.Write,
                    UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
                });
                await using var writer = new StreamWriter(stream);
                await writer.WriteAsync(NewSecret());
            }
            catch (IOException) when (File.Exists(path))
            {
            }
        }

        for (var attempt = 0; ; attempt++)
        {
            var secret = (await File.ReadAllTextAsync(path, cancellationToken)).Trim();
            if (secret.Length > 0 || attempt == 20)
            {
                return Validate(secret, path);
            }

            await Task.Delay(50, cancellationToken); // the other process has created the file but not written it yet
        }
    }

    private static async Task<string> FromDatabaseAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        // When two servers start at once, the loser's insert does nothing and its statement snapshot predates the
        // winner's commit, so it reads no row: a second statement (a new snapshot) sees the winner's secret.
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await using var command = dataSource.CreateCommand(
                """
                with created as (
                    insert into syncops_private.server_secrets (name, value) values ('jwt_secret', $1)
                    on conflict (name) do nothing
                    returning value)
                select value from created
                union all
                select value from syncops_private.server_secrets where name = 'jwt_secret'
                limit 1
                """);
            command.Parameters.Add(new NpgsqlParameter { Value = NewSecret() });
            if (await command.ExecuteScalarAsync(cancellationToken) is string value)
            {
                return Validate(value, "syncops_private.server_secrets");
            }
        }

        throw new SyncOpsException("could not read the JWT secret from syncops_private.server_secrets");
    }
}
