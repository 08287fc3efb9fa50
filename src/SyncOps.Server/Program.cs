using SyncOps.Server;

// The SyncOps server on its own (`syncops serve` runs the same host): the Supabase-compatible REST API at /rest/v1.
await using var app = await SyncOpsServer.BuildAsync(new SyncOpsServerOptions { Args = args });
await app.RunAsync();
