namespace SyncOps.Server.Rest;

/// <summary>
/// The startup warning for <c>SYNCOPS_EXPOSE_ALL</c>: with it, a table without row-level security answers every caller
/// whose role holds privileges on it, whatever organisation they belong to, so the operator must see that it is on.
/// </summary>
internal static partial class ExposureWarning
{
    public static void LogIfExposingAll(ILogger logger, RestOptions options)
    {
        if (options.ExposeAll)
        {
            LogExposingAll(logger, string.Join(", ", options.Schemas));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "SYNCOPS_EXPOSE_ALL is on: tables without row-level security in schemas {Schemas} are served by /rest/v1 to every " +
        "role that holds privileges on them, with no per-organisation isolation")]
    private static partial void LogExposingAll(ILogger logger, string schemas);
}
