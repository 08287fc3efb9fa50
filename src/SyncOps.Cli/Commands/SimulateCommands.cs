using System.CommandLine;
using System.Globalization;
using SyncOps.Cli.Infrastructure;
using SyncOps.Simulators;
using SyncOps.Simulators.Odoo;
using SyncOps.Simulators.WooCommerce;

namespace SyncOps.Cli.Commands;

/// <summary><c>syncops simulate woocommerce|odoo</c>: run a stand-in store on 127.0.0.1 until Ctrl+C.</summary>
internal static class SimulateCommands
{
    public static Command Create()
    {
        var simulate = new Command("simulate", "Run a simulated WooCommerce store or Odoo server on 127.0.0.1.");
        simulate.Subcommands.Add(Build("woocommerce", odoo: false));
        simulate.Subcommands.Add(Build("odoo", odoo: true));
        return simulate;
    }

    private static Command Build(string name, bool odoo)
    {
        var port = new Option<int>("--port") { Description = "Port (0: any free one).", DefaultValueFactory = _ => 0 };
        var customers = new Option<int>("--customers") { DefaultValueFactory = _ => 100 };
        var products = new Option<int>("--products") { DefaultValueFactory = _ => 50 };
        var orders = new Option<int>("--orders") { DefaultValueFactory = _ => 200 };
        var seed = new Option<int>("--seed") { DefaultValueFactory = _ => 1 };
        var faultRate = new Option<double>("--fault-rate") { Description = "Share of list requests (0..1) answered with a random fault." };
        var faults = new Option<string?>("--faults") { Description = "Comma-separated fault kinds to draw from (default: all): " + string.Join(',', Enum.GetNames<FaultKind>()) };
        faults.Validators.Add(result =>
        {
            var unknown = (CliOptions.TryValue<string?>(result, out var list) ? list ?? "" : "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Where(f => !Enum.TryParse<FaultKind>(f, ignoreCase: true, out _)).ToList();
            if (unknown.Count > 0)
            {
                result.AddError($"--faults has unknown kinds ({string.Join(", ", unknown)}); use: {string.Join(',', Enum.GetNames<FaultKind>())}");
            }
        });
        faultRate.Validators.Add(result =>
        {
            if (CliOptions.TryValue<double>(result, out var rate) && rate is < 0 or > 1)
            {
                result.AddError("--fault-rate must be between 0 and 1");
            }
        });
        var churn = new Option<int>("--churn") { Description = "Records of each entity modified per second." };
        var badEvery = new Option<int>("--bad-every") { Description = "Every Nth record has an unparseable date (0: none)." };
        var key = new Option<string>("--key") { Description = odoo ? "API key to accept." : "Consumer key to accept.", DefaultValueFactory = _ => odoo ? "odoo-simulator-key" : "ck_simulator" };
        var secret = new Option<string>("--secret") { Description = "Consumer secret to accept.", DefaultValueFactory = _ => "cs_simulator" };
        var db = new Option<string>("--db") { Description = "Odoo database name.", DefaultValueFactory = _ => "simulator" };
        var user = new Option<string>("--user") { Description = "Odoo login.", DefaultValueFactory = _ => "bot@example.com" };
        var webhookUrl = new Option<Uri?>("--webhook-url") { Description = "Deliver every change as a signed WooCommerce webhook to this URL (connection webhooks prints it).", HelpName = "URL" };
        var webhookSecret = new Option<string>("--webhook-secret") { Description = "The webhook secret to sign with (connection webhooks prints it).", DefaultValueFactory = _ => "" };
        var command = new Command(name, $"Simulated {(odoo ? "Odoo (JSON-RPC)" : "WooCommerce (REST v3)")}.") { port, customers, products, orders, seed, faultRate, faults, churn, badEvery, key };
        if (odoo)
        {
            command.Options.Add(db);
            command.Options.Add(user);
        }
        else
        {
            command.Options.Add(secret);
            command.Options.Add(webhookUrl);
            command.Options.Add(webhookSecret);
        }

        CliAction.Set(command, async (parse, ct) =>
        {
            var kinds = parse.GetValue(faults) is { Length: > 0 } list
                ? list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(f => Enum.Parse<FaultKind>(f, ignoreCase: true)).ToArray()
                : Enum.GetValues<FaultKind>();
            var options = new SimulatorOptions
            {
                Customers = parse.GetValue(customers),
                Products = parse.GetValue(products),
                Orders = parse.GetValue(orders),
                Seed = parse.GetValue(seed),
                FaultRate = parse.GetValue(faultRate),
                Faults = kinds,
                ChurnPerSecond = parse.GetValue(churn),
                BadRecordEvery = parse.GetValue(badEvery),
                ConsumerKey = parse.GetValue(key)!,
                ConsumerSecret = parse.GetValue(secret)!,
                OdooApiKey = parse.GetValue(key)!,
                OdooDatabase = parse.GetValue(db)!,
                OdooLogin = parse.GetValue(user)!,
                WebhookUrl = odoo ? null : parse.GetValue(webhookUrl),
                WebhookSecret = odoo ? "" : parse.GetValue(webhookSecret)!,
            };
            await using SimulatorHost simulator = odoo ? new OdooSimulator(options) : new WooCommerceSimulator(options);
            await simulator.StartAsync(parse.GetValue(port), ct);
            Console.WriteLine(odoo
                ? $"Odoo simulator on {simulator.BaseUrl} (database {options.OdooDatabase}, login {options.OdooLogin}): {options.Customers} partners, {options.Products} products, {options.Orders} sale orders"
                : $"WooCommerce simulator on {simulator.BaseUrl}: {options.Customers} customers, {options.Products} products, {options.Orders} orders");
            Console.WriteLine(odoo
                ? $"  ./syncops connection add --org ORG --source odoo --url {simulator.BaseUrl} --db {options.OdooDatabase} --user {options.OdooLogin} --key {options.OdooApiKey}"
                : $"  ./syncops connection add --org ORG --source woocommerce --url {simulator.BaseUrl} --key {options.ConsumerKey} --secret {options.ConsumerSecret}");
            if (options.WebhookUrl is { } hooks)
            {
                Console.WriteLine($"  every change is delivered as a signed webhook to {hooks}");
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Ctrl+C to stop. Faults: {options.FaultRate:P0} of list requests."));
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C: stop cleanly.
            }

            return 0;
        });
        return command;
    }
}
