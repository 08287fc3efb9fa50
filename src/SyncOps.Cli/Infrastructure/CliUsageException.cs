namespace SyncOps.Cli.Infrastructure;

/// <summary>
/// A command line that parses but makes no sense (an Odoo connection without --key): reported like a parse error, one
/// line with the command's usage, exit code <see cref="ExitCodes.Usage"/>.
/// </summary>
internal sealed class CliUsageException(string message) : Exception(message);
