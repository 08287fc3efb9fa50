using System.Net;
using System.Text;
using SyncOps.Connectors.Http;

namespace SyncOps.Tests.Connectors;

/// <summary>
/// A page goes through <see cref="InvalidBodyHandler"/> as one array: the connector parses the very array the handler
/// read and checked, so a 120 KB page makes one large-object array, not two (docs/benchmarks.md, engine memory).
/// </summary>
public sealed class BufferedBodyTests
{
    [Fact]
    public async Task ValidJsonPage_ConnectorReadsTheArrayTheHandlerRead()
    {
        var page = "[" + string.Join(",", Enumerable.Range(1, 100).Select(i => $"{{\"id\":{i},\"note\":\"{new string('x', 1200)}\"}}")) + "]";
        using var invoker = new HttpMessageInvoker(new InvalidBodyHandler { InnerHandler = new Answer(page, "application/json") });
        using var request = new HttpRequestMessage(HttpMethod.Get, "http://store.test/wp-json/wc/v3/customers");

        using var response = await invoker.SendAsync(request, CancellationToken.None);
        var first = await BufferedBody.ReadAsync(response.Content, CancellationToken.None);
        var second = await BufferedBody.ReadAsync(response.Content, CancellationToken.None);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.IsType<BufferedBody>(response.Content);
        Assert.Same(first, second);
        Assert.Equal(page, Encoding.UTF8.GetString(first));
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task HtmlPage_BecomesA502WithTheReasonAndNoBufferedBody()
    {
        using var invoker = new HttpMessageInvoker(new InvalidBodyHandler { InnerHandler = new Answer("<html>maintenance</html>", "text/html") });
        using var request = new HttpRequestMessage(HttpMethod.Get, "http://store.test/wp-json/wc/v3/customers");

        using var response = await invoker.SendAsync(request, CancellationToken.None);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.IsNotType<BufferedBody>(response.Content);
        Assert.Contains("text/html instead of JSON", response.Headers.GetValues(InvalidBodyHandler.ReasonHeader).Single(), StringComparison.Ordinal);
    }

    /// <summary>The store's side of one exchange: a 200 with the given body and content type.</summary>
    private sealed class Answer(string body, string mediaType) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
            {
                RequestMessage = request,
                Content = new StringContent(body, Encoding.UTF8, mediaType),
            });
    }
}
