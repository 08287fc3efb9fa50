using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using SyncOps.Cli.Infrastructure;
using SyncOps.Connections;
using SyncOps.Connectors;

namespace SyncOps.Cli.Commands;

/// <summary><c>syncops connection add|list|test</c>: where an organisation's stores are. Secrets are never printed.</summary>
internal static class ConnectionCommands
{
    public static Command Create()
    {
        var connection = new Command("connection", "Connections to WooCommerce stores and Odoo instances.");
        connection.Subcommands.Add(Add());
        connection.Subcommands.Add(List());
        connection.Subcommands.Add(Test());
        return connection;
    }

    private static Command Add()
    {
        var org = new Option<string>("--org") { Description = "Organisation id.", Required = true };
        var source = new Option<string>("--source") { Description = "woocommerce or odoo.", Required = true };
        var url = new Option<string>("--url") { Description = "Store or Odoo base URL.", Required = true };
        var key = new Option<string?>("--key") { Description = "WooCommerce consumer key, or the Odoo API key." };
        var secret = new Option<string?>("--secret") { Description = "WooCommerce consumer secret." };
        var db = new Option<string?>("--db") { Description = "Odoo database." };
        var user = new Option<string?>("--user") { Description = "Odoo login." };
        var name = new Option<string?>("--name") { Description = "A name to tell connections apart (default: the host)." };
        var command = new Command("add", "Add a connection; prints its id.") { org, source, url, key, secret, db, user, name };
        CliAction.Set(command, async (parse, ct) =>
        {
            var sourceSystem = parse.GetValue(source)!;
            // Odoo takes one secret, the API key (it replaces the password: connectors.md §2.2).
            var secrets = sourceSystem == "odoo"
                ? new ConnectionSecrets(null, parse.GetValue(key) ?? parse.GetValue(secret) ?? throw new SyncOpsException("an Odoo connection needs --key (API key)"))
                : new ConnectionSecrets(parse.GetValue(key), parse.GetValue(secret) ?? throw new SyncOpsException("a WooCommerce connection needs --secret (consumer secret)"));
            await using var services = await CliServices.OpenAsync(ct);
            var added = await services.GetRequiredService<ConnectionStore>().AddAsync(new NewConnection(
                parse.GetValue(org)!, sourceSystem, parse.GetValue(url)!, secrets, parse.GetValue(name), parse.GetValue(db), parse.GetValue(user)), ct);
            Console.WriteLine(added.Id);
            return 0;
        });
        return command;
    }

    private static Command List()
    {
        var org = new Option<string>("--org") { Description = "Organisation id.", Required = true };
        var json = new Option<bool>("--json") { Description = "Print one JSON array." };
        var command = new Command("list", "List the organisation's connections (never their secrets).") { org, json };
        CliAction.Set(command, async (parse, ct) =>
        {
            await using var services = await CliServices.OpenAsync(ct);
            var rows = await services.GetRequiredService<ConnectionStore>().ListAsync(parse.GetValue(org)!, ct);
            if (parse.GetValue(json))
            {
                CliOutput.WriteJson(rows);
                return 0;
            }

            var table = CliOutput.NewTable("id", "source", "name", "url", "database", "login", "created");
            foreach (var row in rows)
            {
                table.AddRow(new[] { row.Id.ToString(), row.SourceSystem, row.Name, row.BaseUrl, row.DatabaseName ?? "", row.Login ?? "",
                    row.CreatedAt.ToString("u", CultureInfo.InvariantCulture) }.Select(Markup.Escape).ToArray());
            }

            AnsiConsole.Write(table);
            return 0;
        });
        return command;
    }

    private static Command Test()
    {
        var id = new Argument<Guid>("id") { Description = "Connection id." };
        var command = new Command("test", "Reach the source and report what it sees.") { id };
        CliAction.Set(command, async (parse, ct) =>
        {
            await using var services = await CliServices.OpenAsync(ct);
            var connection = await services.GetRequiredService<ConnectionStore>().GetAsync(parse.GetValue(id), cancellationToken: ct);
            var connector = await services.GetRequiredService<ConnectorFactory>().CreateAsync(connection, ct);
            var probe = await connector.TestAsync(ct);
            Console.WriteLine($"{connection.SourceSystem} at {connection.BaseUrl}: reachable, credentials accepted" +
                (probe.Version is null ? "" : $", version {probe.Version}"));
            foreach (var (entity, total) in probe.Totals)
            {
                Console.WriteLine($"  {entity}s: {total}");
            }

            return 0;
        });
        return command;
    }
}
