using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using SyncOps.Cli.Infrastructure;
using SyncOps.Configuration;
using SyncOps.Connections;
using SyncOps.Connectors;

namespace SyncOps.Cli.Commands;

/// <summary><c>syncops connection add|list|test|set|webhooks</c>: where an organisation's stores are. Secrets are never printed.</summary>
internal static class ConnectionCommands
{
    public static Command Create(SyncOpsSettings settings)
    {
        var connection = new Command("connection", "Connections to WooCommerce stores and Odoo instances.");
        connection.Subcommands.Add(Add(settings));
        connection.Subcommands.Add(List(settings));
        connection.Subcommands.Add(Test(settings));
        connection.Subcommands.Add(ConnectionSetCommand.Create(settings));
        connection.Subcommands.Add(ConnectionWebhooksCommand.Create(settings));
        return connection;
    }

    private static Command Add(SyncOpsSettings settings)
    {
        var org = CliOptions.Org();
        var source = new Option<string>("--source") { Description = "woocommerce or odoo.", Required = true, HelpName = "woocommerce|odoo" };
        source.Validators.Add(result =>
        {
            if (CliOptions.TryValue<string>(result, out var value) && value is not ("woocommerce" or "odoo"))
            {
                result.AddError($"--source must be woocommerce or odoo, not \"{value}\"");
            }
        });
        var url = new Option<string>("--url") { Description = "Store or Odoo base URL.", Required = true, HelpName = "URL" };
        url.Validators.Add(result =>
        {
            if (CliOptions.TryValue<string>(result, out var value) &&
                (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
            {
                result.AddError($"--url must be an http:// or https:// URL, not \"{value}\"");
            }
        });
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
                ? new ConnectionSecrets(null, parse.GetValue(key) ?? parse.GetValue(secret) ?? throw new CliUsageException("an Odoo connection needs --key (API key)"))
                : new ConnectionSecrets(
                    parse.GetValue(key) ?? throw new CliUsageException("a WooCommerce connection needs --key (consumer key)"),
                    parse.GetValue(secret) ?? throw new CliUsageException("a WooCommerce connection needs --secret (consumer secret)"));
            if (sourceSystem == "odoo" && (parse.GetValue(db) is null || parse.GetValue(user) is null))
            {
                // Checked here as well as in the store, so that it is a usage error found before the database is opened.
                throw new CliUsageException("an Odoo connection needs --db (database) and --user (login)");
            }
            await using var services = await CliServices.OpenAsync(settings, ct);
            var added = await services.GetRequiredService<ConnectionStore>().AddAsync(new NewConnection(
                parse.GetValue(org)!, sourceSystem, parse.GetValue(url)!, secrets, parse.GetValue(name), parse.GetValue(db), parse.GetValue(user)), ct);
            Console.WriteLine(added.Id);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command List(SyncOpsSettings settings)
    {
        var org = CliOptions.Org();
        var json = new Option<bool>("--json") { Description = "Print one JSON array." };
        var command = new Command("list", "List the organisation's connections (never their secrets).") { org, json };
        CliAction.Set(command, async (parse, ct) =>
        {
            await using var services = await CliServices.OpenAsync(settings, ct);
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

    private static Command Test(SyncOpsSettings settings)
    {
        var id = CliUsage.RequiredByCommand(new Option<Guid?>("--connection") { Description = "Connection id (connection add printed it); required.", HelpName = "ID" });
        // `connection test ID`, the form before --connection, still works.
        var positional = new Argument<Guid?>("id") { Description = "Same as --connection.", Arity = ArgumentArity.ZeroOrOne, Hidden = true };
        var command = new Command("test", "Reach the source and report what it sees.") { id, positional };
        command.Validators.Add(result =>
        {
            // Presence only: reading the values here would throw on a malformed one instead of reporting it.
            var (option, argument) = (result.GetResult(id) is { Tokens.Count: > 0 }, result.GetResult(positional) is { Tokens.Count: > 0 });
            if (!option && !argument)
            {
                result.AddError("--connection is required");
            }
            else if (option && argument)
            {
                result.AddError("give the connection once, as --connection ID");
            }
        });
        CliAction.Set(command, async (parse, ct) =>
        {
            var connectionId = parse.GetValue(id) ?? parse.GetValue(positional)!.Value;
            await using var services = await CliServices.OpenAsync(settings, ct);
            var connection = await services.GetRequiredService<ConnectionStore>().GetAsync(connectionId, cancellationToken: ct);
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
