namespace SyncOps.Embedded;

/// <summary>Finds the PostgreSQL server programs installed on this machine (15 or newer).</summary>
internal sealed record PostgresBinaries(string BinDirectory, int MajorVersion)
{
    public const int MinimumMajorVersion = 15;

    public string InitDb => Path.Combine(BinDirectory, "initdb");

    public string PgCtl => Path.Combine(BinDirectory, "pg_ctl");

    /// <summary>The configured directory first (<c>SYNCOPS_PG_BINDIR</c>, from the settings), then the usual places.</summary>
    public static PostgresBinaries Locate(string? configured)
    {
        var candidates = new List<string>();
        if (!string.IsNullOrWhiteSpace(configured))
        {
            candidates.Add(configured);
        }

        // Debian installs each major version side by side; the newest one wins.
        if (Directory.Exists("/usr/lib/postgresql"))
        {
            candidates.AddRange(Directory.GetDirectories("/usr/lib/postgresql")
                .Select(dir => (dir, version: int.TryParse(Path.GetFileName(dir), out var v) ? v : 0))
                .OrderByDescending(entry => entry.version)
                .Select(entry => Path.Combine(entry.dir, "bin")));
        }

        candidates.AddRange(["/usr/local/pgsql/bin", "/usr/pgsql/bin"]);

        foreach (var directory in candidates)
        {
            var version = ReadMajorVersion(directory);
            if (version >= MinimumMajorVersion)
            {
                return new PostgresBinaries(directory, version);
            }
        }

        throw new SyncOpsException(
            "PostgreSQL server 15+ is not installed: run 'apt-get install -y postgresql' (as root) " +
            "or set SYNCOPS_DATABASE_URL to an existing database");
    }

    private static int ReadMajorVersion(string directory)
    {
        // PG_VERSION-free check: the server binary's directory name or the version file of the share dir.
        var postgres = Path.Combine(directory, "postgres");
        if (!File.Exists(postgres) || !File.Exists(Path.Combine(directory, "initdb")))
        {
            return 0;
        }

        var parent = Path.GetFileName(Path.GetDirectoryName(directory.TrimEnd('/')) ?? "");
        if (int.TryParse(parent, out var fromPath))
        {
            return fromPath;
        }

        var result = ProcessRunner.RunAsync(postgres, ["--version"], TimeSpan.FromSeconds(10), CancellationToken.None)
            .GetAwaiter().GetResult();
        // "postgres (PostgreSQL) 15.18 (Debian ...)"
        var token = result.Output.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(part => part.Length > 0 && char.IsDigit(part[0]));
        return token is not null && int.TryParse(token.Split('.')[0], out var parsed) ? parsed : 0;
    }
}
