using Microsoft.IdentityModel.Tokens;

namespace SyncOps.Server.Auth;

/// <summary>
/// The signing keys Supabase Auth publishes at its JWKS URL (<c>SYNCOPS_JWKS_URL</c>), for ES256/RS256 tokens. Kept in
/// memory; fetched again when a token names a <c>kid</c> the cached set lacks (key rotation) or the set is older than
/// <see cref="MaximumAge"/>, but never more than once per <see cref="MinimumFetchInterval"/>: neither an unreachable
/// Auth server nor tokens with made-up kids can turn every request into a fetch.
/// </summary>
internal sealed partial class JwksKeySource(HttpClient http, Uri url, TimeProvider timeProvider, ILogger<JwksKeySource> logger)
    : IDisposable
{
    public static readonly TimeSpan MinimumFetchInterval = TimeSpan.FromMinutes(1);

    /// <summary>Supabase's edge caches the JWKS for ten minutes; a revoked key stops working here as soon.</summary>
    public static readonly TimeSpan MaximumAge = TimeSpan.FromMinutes(10);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private IReadOnlyList<SecurityKey> _keys = [];
    private DateTimeOffset? _lastAttempt;
    private DateTimeOffset? _lastSuccess;

    /// <summary>The published keys with this <c>kid</c> (all of them for a token without one); empty when none.</summary>
    public async Task<IReadOnlyList<SecurityKey>> KeysForAsync(string? kid, CancellationToken cancellationToken = default)
    {
        if (!NeedsFetch(_keys, kid))
        {
            return Matching(_keys, kid);
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            var now = timeProvider.GetUtcNow();
            if (NeedsFetch(_keys, kid) && (_lastAttempt is not { } last || now - last >= MinimumFetchInterval))
            {
                _lastAttempt = now;
                await FetchAsync(cancellationToken);
            }
        }
        finally
        {
            _gate.Release();
        }

        return Matching(_keys, kid);
    }

    private bool NeedsFetch(IReadOnlyList<SecurityKey> keys, string? kid) =>
        _lastSuccess is not { } success || timeProvider.GetUtcNow() - success >= MaximumAge || Matching(keys, kid).Count == 0;

    private async Task FetchAsync(CancellationToken cancellationToken)
    {
        try
        {
            var json = await http.GetStringAsync(url, cancellationToken);
            // Only asymmetric signing keys: a symmetric ("oct") key in a public document would let anyone sign.
            _keys = new JsonWebKeySet(json).GetSigningKeys()
                .Where(key => key is not SymmetricSecurityKey && key is not JsonWebKey { Kty: JsonWebAlgorithmsKeyTypes.Octet })
                .ToList();
            _lastSuccess = timeProvider.GetUtcNow();
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or ArgumentException
                                               or System.Text.Json.JsonException)
        {
            // The cached keys stay in use; the next attempt waits for MinimumFetchInterval.
            LogFetchFailed(logger, url, exception.Message);
        }
    }

    private static List<SecurityKey> Matching(IReadOnlyList<SecurityKey> keys, string? kid) =>
        kid is null ? [.. keys] : keys.Where(key => string.Equals(key.KeyId, kid, StringComparison.Ordinal)).ToList();

    public void Dispose() => _gate.Dispose();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not fetch the JWKS from {Url}: {Reason}")]
    private static partial void LogFetchFailed(ILogger logger, Uri url, string reason);
}
