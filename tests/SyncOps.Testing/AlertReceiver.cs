using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using SyncOps.Alerts;

namespace SyncOps.Testing;

/// <summary>
/// A real HTTP endpoint on the loopback interface (HttpListener), standing in for a webhook receiver or Slack: it
/// records every request and answers with the statuses it was told to, then 200.
/// </summary>
public sealed class AlertReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<int> _statuses = new();
    private readonly ConcurrentQueue<ReceivedRequest> _requests = new();
    private readonly Task _loop;

    public AlertReceiver(params int[] statuses)
    {
        foreach (var status in statuses)
        {
            _statuses.Enqueue(status);
        }

        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Url = new Uri($"http://127.0.0.1:{port}/hooks/alerts/");
        _listener.Prefixes.Add(Url.AbsoluteUri);
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public Uri Url { get; }

    public IReadOnlyList<ReceivedRequest> Requests => [.. _requests];

    /// <summary>The requests answered 2xx: what the receiver really accepted.</summary>
    public IReadOnlyList<ReceivedRequest> Accepted => [.. _requests.Where(r => r.AnsweredStatus is >= 200 and < 300)];

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The loop ends with the listener's disposal.
        }
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream);
            var body = await reader.ReadToEndAsync();
            var status = _statuses.TryDequeue(out var next) ? next : 200;
            _requests.Enqueue(new ReceivedRequest(body, context.Request.Headers[AlertSignature.Header], context.Request.ContentType, status));
            context.Response.StatusCode = status;
            context.Response.Close();
        }
    }
}
