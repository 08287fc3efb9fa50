using System.CommandLine;
using SyncOps.Cli.Commands;

// The `syncops` command: parses, calls the library, prints. Each feature adds its commands in its own file.
var root = new RootCommand("SyncOps: run and watch data syncs between your app and the stores and ERPs your customers use.")
{
    DbCommands.Create(),
    MigrateCommand.Create(),
    UserCommands.Create(),
    MaintenanceCommands.Create(),
    ReportCommands.Create(),
    StatusCommand.Create(),
    DemoCommand.Create(),
    ConnectionCommands.Create(),
    ScheduleCommands.Create(),
    SyncCommands.Create(),
    SimulateCommands.Create(),
    ServeCommand.Create(),
    KeysCommand.Create(),
};

return await root.Parse(args).InvokeAsync();
