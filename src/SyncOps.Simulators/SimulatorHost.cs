using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace SyncOps.Simulators;

/// <summary>
/// Hosts a simulator on Kestrel at 127.0.0.1 (port 0: any free one) and churns its records while it runs. The base
/// class of <see cref="WooCommerce.WooCommerceSimulator"/> and <see cref="Odoo.OdooSimulator"/>.
/// </summary>
public abstract class SimulatorHost : IAsyncDisposable
{
    private static readonly string[] s_entities = ["customer", "product", "order"];
    private WebApplication? _app;
    private Timer? _churn;
    private int _requests;

    protected SimulatorHost(SimulatorOptions options, TimeProvider? timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        // A simulator is its own host: when its caller gave no clock, it is the edge that picks the system one.
#pragma warning disable RS0030
        TimeProvider = timeProvider ?? TimeProvider.System;
#pragma warning restore RS0030
        Catalog = new SimulatedCatalog(options);
        Faults = new FaultInjector(options);
    }

    public SimulatorOptions Options { get; }

    public SimulatedCatalog Catalog { get; }

    public FaultInjector Faults { get; }

    public TimeProvider TimeProvider { get; }

    /// <summary>http://127.0.0.1:PORT, once started.</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>How many API requests reached the simulator.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Modifies <paramref name="count"/> records of the entity now (what --churn does every second).</summary>
    public IReadOnlyList<int> Churn(string entity, int count)
    {
        var touched = Catalog.Churn(entity, count, TimeProvider.GetUtcNow().UtcDateTime);
        OnChanged(entity, "updated", touched);
        return touched;
    }

    /// <summary>Called after the simulator changed records (event: created, updated or deleted), e.g. to send webhooks.</summary>
    protected virtual void OnChanged(string entity, string change, IReadOnlyList<int> indexes)
    {
    }

    /// <summary>Called first when the simulator is disposed.</summary>
    protected virtual ValueTask OnStoppingAsync() => ValueTask.CompletedTask;

    public async Task StartAsync(int port = 0, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, port));
        var app = builder.Build();
        app.Use(async (context, next) =>
        {
            Interlocked.Increment(ref _requests);
            await next(context);
        });
        Map(app);
        await app.StartAsync(cancellationToken);
        _app = app;
        BaseUrl = app.Urls.First().Replace("localhost", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');
        if (Options.ChurnPerSecond > 0)
        {
            _churn = new Timer(_ =>
            {
                foreach (var entity in s_entities)
                {
                    Churn(entity, Options.ChurnPerSecond);
                }
            }, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_churn is not null)
        {
            await _churn.DisposeAsync();
        }

        await OnStoppingAsync();

        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    protected abstract void Map(WebApplication app);

    /// <summary>Serves the fault instead of the response; true when the request is done (a delay-only fault returns false).</summary>
    protected async Task<bool> ServeFaultAsync(HttpContext context, FaultKind fault, Func<string> validJson)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(validJson);
        var response = context.Response;
        switch (fault)
        {
            case FaultKind.TooManyRequests:
                response.StatusCode = 429;
                response.Headers.RetryAfter = "1";
                await Html(response, "<html><head><title>429 Too Many Requests</title></head><body><h1>Too Many Requests</h1></body></html>");
                return true;
            case FaultKind.InternalServerError:
                response.StatusCode = 500;
                response.ContentType = "application/json; charset=UTF-8";
                await response.WriteAsync("""{"code":"internal_server_error","message":"<p>There has been a critical error on this website.</p>","data":{"status":500},"additional_errors":[]}""");
                return true;
            case FaultKind.BadGateway:
                response.StatusCode = 502;
                await Html(response, "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>");
                return true;
            case FaultKind.ServiceUnavailable:
                // WordPress sends Retry-After: 600 during an upgrade; the simulator asks for 1 s so runs stay short.
                response.StatusCode = 503;
                response.Headers.RetryAfter = "1";
                await Html(response, "<!DOCTYPE html><html><head><title>Maintenance</title></head><body><h1>Briefly unavailable for scheduled maintenance. Check back in a minute.</h1></body></html>");
                return true;
            case FaultKind.GatewayTimeout:
                response.StatusCode = 504;
                await Html(response, "<html><head><title>504 Gateway Time-out</title></head><body><center><h1>504 Gateway Time-out</h1></center></body></html>");
                return true;
            case FaultKind.Slow:
                await Task.Delay(Options.SlowFaultDelay, TimeProvider, context.RequestAborted);
                return false;
            case FaultKind.Timeout:
                try
                {
                    await Task.Delay(Options.TimeoutFaultDuration, TimeProvider, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    return true; // the client gave up, as it should
                }

                response.StatusCode = 504;
                return true;
            case FaultKind.Html:
                response.StatusCode = 200;
                await Html(response, "<!DOCTYPE html><html><head><title>Access denied</title></head><body><p>This request was blocked by the security plugin.</p></body></html>");
                return true;
            case FaultKind.PhpNotice:
                response.StatusCode = 200;
                response.ContentType = "application/json; charset=UTF-8";
                await response.WriteAsync("<br />\n<b>Notice</b>:  Undefined index: shipping_class in <b>/var/www/html/wp-content/plugins/some-plugin/includes/class-hooks.php</b> on line <b>42</b><br />\n" + validJson());
                return true;
            default:
                var json = validJson();
                response.StatusCode = 200;
                response.ContentType = "application/json; charset=UTF-8";
                await response.WriteAsync(json[..(json.Length / 2)]);
                return true;
        }
    }

    private static Task Html(HttpResponse response, string body)
    {
        response.ContentType = "text/html; charset=UTF-8";
        return response.WriteAsync(body);
    }
}
