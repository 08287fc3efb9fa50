using System.Net;
using System.Net.Sockets;
using SyncOps.Cli.Tests.Infrastructure;

namespace SyncOps.Cli.Tests;

/// <summary><c>syncops demo</c>, the front door, run for real: SDK syncs, server, simulated stores and engine syncs.</summary>
[Collection(HousekeepingTests.Name)]
public sealed class DemoCommandTests : DatabaseTest
{
    [Fact]
    public async Task Demo_NoWait_WritesSdkAndEngineSyncsAndPrintsTheDashboardSignIn()
    {
        var orgId = TestDatabase.NewOrgId();
        var dataDirectory = Directory.CreateTempSubdirectory("syncops-demo-test-").FullName;
        var url = $"http://127.0.0.1:{FreePort()}";
        try
        {
            var result = await SyncOpsCli.RunAsync(Database.Url,
                new Dictionary<string, string> { ["SYNCOPS_DATA_DIR"] = dataDirectory },
                "demo", "--no-wait", "--org", orgId, "--urls", url);

            Assert.True(result.ExitCode == 0, result.StandardError);
            Assert.Contains($"{url}/demo-login", result.StandardOutput, StringComparison.Ordinal);
            // Three syncs through the SDK (one left running) and four through the engine (one store flaky).
            Assert.Equal(7L, await ScalarAsync<long>("select count(*) from public.sync_progress where org_id = $1", orgId));
            Assert.Equal(1L, await ScalarAsync<long>(
                "select count(*) from public.sync_progress where org_id = $1 and status = 'running'", orgId));
            Assert.True(await ScalarAsync<long>(
                "select count(*) from public.sync_progress where org_id = $1 and source_system = 'woocommerce' and status = 'completed_with_errors' and failed_count > 0 and metadata ? 'connection_id'",
                orgId) >= 1);
            Assert.Equal(2_800L, await ScalarAsync<long>("select count(*) from public.customers where org_id = $1", orgId));
            Assert.Equal(1L, await ScalarAsync<long>(
                "select count(*) from syncops_auth.users_extended where org_id = $1 and email = 'demo@example.com'", orgId));
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
