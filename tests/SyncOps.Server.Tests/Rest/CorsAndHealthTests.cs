using SyncOps.Server.Tests.Infrastructure;

namespace SyncOps.Server.Tests.Rest;

/// <summary>CORS as PostgREST answers it (reference §9) and the health endpoint.</summary>
public sealed class CorsAndHealthTests : ServerTest
{
    [Fact]
    public async Task Preflight_EchoesRequestedHeadersAndAllowsMethods()
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, "/rest/v1/sync_progress");
        request.Headers.Add("Origin", "http://localhost:3000");
        request.Headers.Add("Access-Control-Request-Method", "PATCH");
        request.Headers.Add("Access-Control-Request-Headers", "apikey, content-profile, prefer, x-client-info");
        using var response = await Server.Http.SendAsync(request);
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("*", string.Join(",", response.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Contains("PATCH", string.Join(",", response.Headers.GetValues("Access-Control-Allow-Methods")));
        Assert.Contains("prefer", string.Join(",", response.Headers.GetValues("Access-Control-Allow-Headers")));
        Assert.Equal("86400", string.Join(",", response.Headers.GetValues("Access-Control-Max-Age")));
    }

    [Fact]
    public async Task CrossOriginRead_ExposesContentRange()
    {
        var response = await SendAsync(HttpMethod.Get, "/rest/v1/sync_progress?limit=1", Server.Issuer.AnonKey(),
            headers: ("Origin", "http://localhost:3000"));
        Assert.Equal(200, response.Status);
        Assert.Contains("Content-Range", response.Header("Access-Control-Expose-Headers"));
    }

    [Fact]
    public async Task Healthz_DatabaseUp_200Ok()
    {
        var response = await SendAsync(HttpMethod.Get, "/healthz");
        Assert.Equal(200, response.Status);
        Assert.Equal("""{"status":"ok"}""", response.Body);
    }
}
