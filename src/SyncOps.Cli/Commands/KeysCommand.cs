using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SyncOps.Cli.Infrastructure;
using SyncOps.Configuration;
using SyncOps.Server.Auth;

namespace SyncOps.Cli.Commands;

/// <summary><c>syncops keys</c>: the URL and the anon and service_role keys, as one JSON line (the last line printed).</summary>
internal static class KeysCommand
{
    public static Command Create()
    {
        var keys = new Command("keys", "Print {\"url\",\"anon_key\",\"service_role_key\"} for createClient(url, key).");
        CliAction.Set(keys, async (_, ct) =>
        {
            await using var services = await CliServices.OpenAsync(ct);
            var issuer = await IssuerAsync(services, ct);
            Console.WriteLine("The anon key is public (browsers); keep the service_role key secret: it bypasses row-level security.");
            CliOutput.WriteJson(new Dictionary<string, string>
            {
                ["url"] = SyncOpsSettings.FromEnvironment().ListenUrl,
                ["anon_key"] = issuer.AnonKey(),
                ["service_role_key"] = issuer.ServiceRoleKey(),
            });
            return 0;
        });
        return keys;
    }

    /// <summary>The token issuer with the secret <c>serve</c> uses for the configured database.</summary>
    public static async Task<JwtIssuer> IssuerAsync(IServiceProvider services, CancellationToken ct)
    {
        var secret = await JwtSecretStore.ResolveAsync(
            SyncOpsSettings.FromEnvironment(), services.GetRequiredService<NpgsqlDataSource>(), ct);
        return new JwtIssuer(secret, services.GetRequiredService<TimeProvider>());
    }
}
