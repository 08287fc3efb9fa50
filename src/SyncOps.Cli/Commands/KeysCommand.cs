using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SyncOps.Cli.Infrastructure;
using SyncOps.Configuration;
using SyncOps.Server.Auth;

namespace SyncOps.Cli.Commands;

/// <summary><c>syncops keys</c>: the URL and the anon and service_role keys, as one JSON document on stdout.</summary>
internal static class KeysCommand
{
    public static Command Create(SyncOpsSettings settings)
    {
        var keys = new Command("keys", "Print {\"url\",\"anon_key\",\"service_role_key\"} for createClient(url, key).");
        CliAction.Set(keys, async (_, ct) =>
        {
            await using var services = await CliServices.OpenAsync(settings, ct);
            var issuer = await IssuerAsync(settings, services, ct);
            // stderr, so that `syncops keys | jq -r .anon_key` reads JSON only.
            Console.Error.WriteLine("The anon key is public (browsers); keep the service_role key secret: it bypasses row-level security.");
            CliOutput.WriteJson(new Dictionary<string, string>
            {
                ["url"] = settings.ListenUrl,
                ["anon_key"] = issuer.AnonKey(),
                ["service_role_key"] = issuer.ServiceRoleKey(),
            });
            return ExitCodes.Ok;
        });
        return keys;
    }

    /// <summary>The token issuer with the secret <c>serve</c> uses for the configured database.</summary>
    public static async Task<JwtIssuer> IssuerAsync(SyncOpsSettings settings, IServiceProvider services, CancellationToken ct)
    {
        var secret = await JwtSecretStore.ResolveAsync(settings, services.GetRequiredService<NpgsqlDataSource>(), ct);
        return new JwtIssuer(secret, services.GetRequiredService<TimeProvider>());
    }
}
