using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Npgsql;
using SyncOps.Configuration;

namespace SyncOps.Embedded;

/// <summary>
/// A private PostgreSQL cluster that SyncOps creates, starts, reuses and stops itself, from the server binaries on the
/// machine: the embedded default used when <c>SYNCOPS_DATABASE_URL</c> is not set, and by the tests.
/// </summary>
public sealed partial class EmbeddedPostgres
{
    public const string DatabaseName = "syncops";
    private const string Superuser = "postgres";
    private static readonly TimeSpan s_commandTimeout = TimeSpan.FromMinutes(2);

    private readonly string _dataDirectory;
    private readonly bool _durable;
    private readonly string? _postgresBinDirectory;
    private PostgresBinaries? _binaries;

    /// <param name="dataDirectory">Where the cluster lives (<c>pgdata/</c> inside it) and its state file.</param>
    /// <param name="durable">False trades crash safety for speed (fsync off): for throw-away test clusters only.</param>
    /// <param name="postgresBinDirectory">
    /// The PostgreSQL server programs to use (<see cref="SyncOpsSettings.PostgresBinDirectory"/>); null: the newest installed.
    /// </param>
    public EmbeddedPostgres(string dataDirectory, bool durable = true, string? postgresBinDirectory = null)
    {
        _dataDirectory = Path.GetFullPath(dataDirectory);
        _durable = durable;
        _postgresBinDirectory = postgresBinDirectory;
    }

    public string DataDirectory => _dataDirectory;

    private string StatePath => Path.Combine(_dataDirectory, "cluster.json");

    private PostgresBinaries Binaries => _binaries ??= PostgresBinaries.Locate(_postgresBinDirectory);

    /// <summary>Initialises the cluster when new, starts it when stopped, and returns its connection URL.</summary>
    public async Task<string> StartAsync(CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(_dataDirectory);
        using var clusterLock = await AcquireLockAsync(cancellationToken);

        var state = ClusterState.Load(StatePath);
        var pgData = await ResolvePgDataAsync(cancellationToken);
        if (state is null || !File.Exists(Path.Combine(pgData, "PG_VERSION")))
        {
            state = await InitializeAsync(pgData, cancellationToken);
        }

        var runningPort = await GetRunningPortAsync(pgData, cancellationToken);
        if (runningPort is null)
        {
            var port = IsPortFree(state.Port) ? state.Port : FindFreePort();
            state = state with { Port = port };
            state.Save(StatePath);
            await RunAsPostgresAsync(Binaries.PgCtl,
                ["-D", pgData, "-l", Path.Combine(pgData, "server.log"), "-o", $"-p {port}", "-w", "-t", "120", "start"],
                cancellationToken);
        }
        else if (runningPort != state.Port)
        {
            state = state with { Port = runningPort.Value };
            state.Save(StatePath);
        }

        await EnsureDatabaseAsync(state, cancellationToken);
        return ToUrl(state, DatabaseName);
    }

    /// <summary>Stops the cluster cleanly (fast shutdown: open sessions are rolled back). A stopped cluster is left alone.</summary>
    public async Task<bool> StopAsync(CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(_dataDirectory))
        {
            return false;
        }

        using var clusterLock = await AcquireLockAsync(cancellationToken);
        var pgData = await ResolvePgDataAsync(cancellationToken);
        if (await GetRunningPortAsync(pgData, cancellationToken) is null)
        {
            return false;
        }

        await RunAsPostgresAsync(Binaries.PgCtl, ["-D", pgData, "-m", "fast", "-w", "-t", "120", "stop"], cancellationToken);
        return true;
    }

    public async Task<EmbeddedPostgresStatus> GetStatusAsync(CancellationToken cancellationToken = default)
    {
        var state = ClusterState.Load(StatePath);
        if (state is null)
        {
            return new EmbeddedPostgresStatus(false, false, null, _dataDirectory, Binaries.MajorVersion);
        }

        var port = await GetRunningPortAsync(await ResolvePgDataAsync(cancellationToken), cancellationToken);
        return new EmbeddedPostgresStatus(true, port is not null, port ?? state.Port, _dataDirectory, Binaries.MajorVersion);
    }

    /// <summary>The superuser URL of a running cluster, or null when it is not running.</summary>
    public async Task<string?> GetUrlAsync(CancellationToken cancellationToken = default)
    {
        var status = await GetStatusAsync(cancellationToken);
        var state = ClusterState.Load(StatePath);
        return status.Running && state is not null ? ToUrl(state with { Port = status.Port!.Value }, DatabaseName) : null;
    }

    private async Task<ClusterState> InitializeAsync(string pgData, CancellationToken cancellationToken)
    {
        var state = new ClusterState(Superuser, RandomPassword(), DatabaseName, FindFreePort());
        if (Directory.Exists(pgData))
        {
            Directory.Delete(pgData, recursive: true);
        }

        Directory.CreateDirectory(pgData);
        File.SetUnixFileMode(pgData, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var passwordFile = Path.Combine(Path.GetDirectoryName(pgData)!, ".initdb-password");
        await File.WriteAllTextAsync(passwordFile, state.Password, cancellationToken);
        try
        {
            await GiveToPostgresUserAsync(pgData, cancellationToken);
            await GiveToPostgresUserAsync(passwordFile, cancellationToken);
            await RunAsPostgresAsync(Binaries.InitDb,
                ["-D", pgData, "-U", Superuser, "--pwfile", passwordFile, "-A", "scram-sha-256", "-E", "UTF8",
                 "--locale", "C.UTF-8", "--no-instructions"],
                cancellationToken);
        }
        finally
        {
            File.Delete(passwordFile);
        }

        await File.AppendAllTextAsync(Path.Combine(pgData, "postgresql.conf"), ServerSettings(), cancellationToken);
        state.Save(StatePath);
        return state;
    }

    private string ServerSettings()
    {
        var settings = """

            # Written by SyncOps for its embedded cluster.
            listen_addresses = '127.0.0.1'
            unix_socket_directories = ''
            max_connections = 300
            shared_buffers = 256MB
            max_wal_size = 2GB
            log_min_messages = warning
            timezone = 'UTC'
            # Realtime (/realtime/v1) reads committed changes through logical decoding (pgoutput).
            wal_level = logical

            """;
        // Throw-away test clusters need not survive a power cut; a developer's embedded database should.
        return _durable ? settings : settings + "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n";
    }

    private static async Task EnsureDatabaseAsync(ClusterState state, CancellationToken cancellationToken)
    {
        // Unpooled: after a stop and start in the same process a pooled connection would be one the old server
        // terminated (57P01).
        var connectionString = new NpgsqlConnectionStringBuilder(DatabaseUrl.ToConnectionString(ToUrl(state, "postgres")))
        {
            Pooling = false,
        }.ConnectionString;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("select 1 from pg_database where datname = $1", connection)
        {
            Parameters = { new() { Value = DatabaseName } },
        };
        if (await exists.ExecuteScalarAsync(cancellationToken) is null)
        {
            await using var create = new NpgsqlCommand($"create database {DatabaseName}", connection);
            try
            {
                await create.ExecuteNonQueryAsync(cancellationToken);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateDatabase)
            {
                // Another process created it between our check and our create: that is what we wanted.
            }
        }
    }

    private static string ToUrl(ClusterState state, string database) =>
        $"postgresql://{state.Superuser}:{Uri.EscapeDataString(state.Password)}@127.0.0.1:{state.Port}/{database}";

    private static string RandomPassword() => Convert.ToHexString(RandomNumberGenerator.GetBytes(18)).ToLowerInvariant();

    private static int FindFreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool IsPortFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
