using System.Text;
using SyncOps.Server.Tests.Infrastructure;

namespace SyncOps.Server.Tests.Rest;

/// <summary>
/// Bodies go out with their <c>Content-Length</c> in bytes, not chunked (as PostgREST 13 does, PostgREST/postgrest#4016):
/// one socket write per response instead of a second one for the closing chunk (docs/benchmarks.md, REST).
/// </summary>
public sealed class ContentLengthTests : ServerTest
{
    [Fact]
    public async Task PatchRepresentationSingle_ContentLengthIsTheBodysUtf8Bytes_NotChunked()
    {
        var org = NewOrgId();
        var (_, token) = await CreateUserAsync(org);
        await InsertSyncAsync(org, "a");
        // Non-ASCII text, so that a length in characters would differ from the length in bytes.
        var response = await SendAsync(HttpMethod.Patch, $"/rest/v1/sync_progress?org_id=eq.{org}&sync_id=eq.a&select=*", token,
            """{"processed_count":40,"error_message":"café ✓"}""",
            ("Prefer", "return=representation"), ("Accept", "application/vnd.pgrst.object+json"));

        Assert.Equal(200, response.Status);
        Assert.Equal("café ✓", response.Json.GetProperty("error_message").GetString());
        Assert.NotEqual(response.Body.Length, Encoding.UTF8.GetByteCount(response.Body));
        Assert.Equal(Encoding.UTF8.GetByteCount(response.Body).ToString(System.Globalization.CultureInfo.InvariantCulture),
            response.Header("Content-Length"));
        Assert.Null(response.Header("Transfer-Encoding"));
    }

    [Fact]
    public async Task Error_ContentLengthIsTheBodysUtf8Bytes_NotChunked()
    {
        var org = NewOrgId();
        var (_, token) = await CreateUserAsync(org);
        var response = await SendAsync(HttpMethod.Get, "/rest/v1/sync_progress?select=nöpe", token);

        Assert.Equal(400, response.Status);
        Assert.Equal("42703", response.ErrorCode);
        Assert.NotEqual(response.Body.Length, Encoding.UTF8.GetByteCount(response.Body));
        Assert.Equal(Encoding.UTF8.GetByteCount(response.Body).ToString(System.Globalization.CultureInfo.InvariantCulture),
            response.Header("Content-Length"));
        Assert.Null(response.Header("Transfer-Encoding"));
    }
}
