using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SyncOps.Server.Auth;
using SyncOps.Server.Tests.Infrastructure;

namespace SyncOps.Server.Tests.Auth;

/// <summary>The JWKS cache against a real HTTP server, on a fake clock.</summary>
public sealed class JwksKeySourceTests : IAsyncLifetime, IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero));
    private readonly HttpClient _http = new();
    private JwksServer _server = null!;
    private JwksKeySource _source = null!;

    public async Task InitializeAsync()
    {
        _server = await JwksServer.StartAsync();
        _server.Publish(JwksServer.NewEs256Key("key-1"));
        _source = new JwksKeySource(_http, _server.Url, _time, NullLogger<JwksKeySource>.Instance);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose()
    {
        _source.Dispose();
        _http.Dispose();
    }

    [Fact]
    public async Task KeysFor_KnownKid_FetchedOnceThenFromMemory()
    {
        var first = await _source.KeysForAsync("key-1");
        var second = await _source.KeysForAsync("key-1");

        Assert.Equal("key-1", Assert.Single(first).KeyId);
        Assert.Equal("key-1", Assert.Single(second).KeyId);
        Assert.Equal(1, _server.Fetches);
    }

    [Fact]
    public async Task KeysFor_KidOfARotatedInKey_FetchedAgainOnceTheMinuteHasPassed()
    {
        await _source.KeysForAsync("key-1");
        _server.Publish(JwksServer.NewEs256Key("key-2"));

        var tooSoon = await _source.KeysForAsync("key-2");
        _time.Advance(JwksKeySource.MinimumFetchInterval);
        var afterRotation = await _source.KeysForAsync("key-2");

        Assert.Empty(tooSoon);
        Assert.Equal("key-2", Assert.Single(afterRotation).KeyId);
        Assert.Equal(2, _server.Fetches);
    }

    [Fact]
    public async Task KeysFor_MadeUpKids_NeverMoreThanOneFetchAMinute()
    {
        await _source.KeysForAsync("key-1");
        for (var i = 0; i < 5; i++)
        {
            Assert.Empty(await _source.KeysForAsync("made-up-" + i));
        }

        Assert.Equal(1, _server.Fetches);
    }

    [Fact]
    public async Task KeysFor_AuthServerFailing_OneFetchAMinute_CachedKeysStayInUse()
    {
        await _source.KeysForAsync("key-1");
        _server.Failing = true;
        _time.Advance(JwksKeySource.MaximumAge);

        var duringOutage = await _source.KeysForAsync("key-1");
        await _source.KeysForAsync("key-1");
        _time.Advance(TimeSpan.FromSeconds(59));
        await _source.KeysForAsync("key-1");
        _time.Advance(TimeSpan.FromSeconds(1));
        await _source.KeysForAsync("key-1");

        Assert.Equal("key-1", Assert.Single(duringOutage).KeyId);
        Assert.Equal(3, _server.Fetches);
    }
}
