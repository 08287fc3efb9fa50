namespace SyncOps.Cli.Infrastructure;

/// <summary>What <c>syncops</c> returns; the table in docs/cli.md. Scripts branch on these, so they never change meaning.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The command was understood but failed: database unreachable, not found, refused by the database or the source.</summary>
    public const int Failed = 1;

    /// <summary>The command line itself is wrong: unknown command or option, missing or malformed value.</summary>
    public const int Usage = 2;

    /// <summary>Done, but not all good: a sync completed with errors; <c>db status</c>: the cluster is not running.</summary>
    public const int Partial = 3;

    /// <summary>Interrupted with Ctrl+C (128 + SIGINT, as shells report it).</summary>
    public const int Cancelled = 130;
}
