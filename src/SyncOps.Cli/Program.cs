using SyncOps.Cli;
using SyncOps.Configuration;

// The `syncops` command: settings read from the environment once, here; then parse, call the library, print.
return await SyncOpsCommand.RunAsync(args, SyncOpsSettings.FromEnvironment());
