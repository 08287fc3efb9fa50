using Microsoft.AspNetCore.Http.Features;

namespace SyncOps.Server.Realtime;

/// <summary>
/// Put in front of ASP.NET Core's WebSocket middleware for realtime requests, so the WebSocket it creates runs over a
/// <see cref="BatchingStream"/>, which the connection's writer then uses to send queued frames together.
/// </summary>
internal sealed class BatchingUpgradeFeature(IHttpUpgradeFeature inner) : IHttpUpgradeFeature
{
    public bool IsUpgradableRequest => inner.IsUpgradableRequest;

    /// <summary>The upgraded stream, once the WebSocket was accepted.</summary>
    public BatchingStream? Stream { get; private set; }

    public async Task<Stream> UpgradeAsync()
    {
        Stream = new BatchingStream(await inner.UpgradeAsync());
        return Stream;
    }
}
