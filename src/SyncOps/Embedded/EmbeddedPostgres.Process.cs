using System.Security.Cryptography;
using System.Text;

namespace SyncOps.Embedded;

// How the cluster's programs are run: PostgreSQL refuses to run as root, so as root they run as the unprivileged
// 'postgres' system user (created by Debian's package), which must own the data folder.
public sealed partial class EmbeddedPostgres
{
    private const string ServerUser = "postgres";
    private static readonly bool s_isRoot = Environment.UserName == "root";

    private async Task<string> ResolvePgDataAsync(CancellationToken cancellationToken)
    {
        var preferred = Path.Combine(_dataDirectory, "pgdata");
        if (!s_isRoot)
        {
            return preferred;
        }

        await EnsureServerUserAsync(cancellationToken);
        File.SetUnixFileMode(_dataDirectory,
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupExecute |
            UnixFileMode.OtherExecute);
        // A data folder under a private home (/root is 0700) cannot be reached by the server user; such clusters live
        // under /var/lib/syncops instead, one per data folder.
        var reachable = await ProcessRunner.RunAsync("runuser",
            ["-u", ServerUser, "--", "test", "-x", _dataDirectory], s_commandTimeout, cancellationToken);
        if (reachable.ExitCode == 0)
        {
            return preferred;
        }

        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(_dataDirectory)))[..16].ToLowerInvariant();
        var fallback = Path.Combine("/var/lib/syncops/clusters", hash);
        Directory.CreateDirectory(fallback);
        await ProcessRunner.RunCheckedAsync("chown", [$"{ServerUser}:", fallback], s_commandTimeout, cancellationToken);
        return Path.Combine(fallback, "pgdata");
    }

    private static async Task EnsureServerUserAsync(CancellationToken cancellationToken)
    {
        var exists = await ProcessRunner.RunAsync("id", ["-u", ServerUser], s_commandTimeout, cancellationToken);
        if (exists.ExitCode != 0)
        {
            await ProcessRunner.RunCheckedAsync("useradd",
                ["--system", "--no-create-home", "--shell", "/usr/sbin/nologin", ServerUser], s_commandTimeout,
                cancellationToken);
        }
    }

    private static async Task GiveToPostgresUserAsync(string path, CancellationToken cancellationToken)
    {
        if (s_isRoot)
        {
            await ProcessRunner.RunCheckedAsync("chown", ["-R", $"{ServerUser}:", path], s_commandTimeout, cancellationToken);
        }
    }

    private static Task<ProcessRunner.Result> RunAsPostgresAsync(
        string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
        s_isRoot
            ? ProcessRunner.RunCheckedAsync("runuser", ["-u", ServerUser, "--", program, .. arguments], s_commandTimeout,
                cancellationToken)
            : ProcessRunner.RunCheckedAsync(program, arguments, s_commandTimeout, cancellationToken);

    /// <summary>The port of the running server from <c>postmaster.pid</c>, or null when it is not running.</summary>
    private async Task<int?> GetRunningPortAsync(string pgData, CancellationToken cancellationToken)
    {
        if (!File.Exists(Path.Combine(pgData, "postmaster.pid")))
        {
            return null;
        }

        string[] arguments = ["-D", pgData, "status"];
        var status = s_isRoot
            ? await ProcessRunner.RunAsync("runuser", ["-u", ServerUser, "--", Binaries.PgCtl, .. arguments],
                s_commandTimeout, cancellationToken)
            : await ProcessRunner.RunAsync(Binaries.PgCtl, arguments, s_commandTimeout, cancellationToken);
        if (status.ExitCode != 0)
        {
            return null;
        }

        // postmaster.pid line 4 is the port (PostgreSQL's pidfile.h: LOCK_FILE_LINE_PORT).
        var lines = await File.ReadAllLinesAsync(Path.Combine(pgData, "postmaster.pid"), cancellationToken);
        return lines.Length >= 4 && int.TryParse(lines[3].Trim(), out var port) ? port : null;
    }

    private async Task<IDisposable> AcquireLockAsync(CancellationToken cancellationToken)
    {
        // Two commands starting the same cluster at once must not both run initdb or pg_ctl start.
        var path = Path.Combine(_dataDirectory, "cluster.lock");
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                await Task.Delay(100, cancellationToken);
            }
        }
    }
}
