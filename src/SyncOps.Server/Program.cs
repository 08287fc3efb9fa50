using SyncOps.Configuration;
using SyncOps.Server;

// The SyncOps server on its own (`syncops serve` runs the same host): the Supabase-compatible REST API at /rest/v1.
await using var app = await SyncOpsServer.BuildAsync(new SyncOpsServerOptions
{
    Settings = SyncOpsSettings.FromEnvironment(), // the server's edge: the only place it reads the environment
    Args = args,
});
await app.RunAsync();
