namespace SyncOps.Connectors.Http;

/// <summary>
/// A response body <see cref="InvalidBodyHandler"/> has already read and checked, kept as the one array the connectors
/// parse. A page of 100 records is about 120 KB, above the large object heap's 85,000 bytes: reading it a second time
/// through <see cref="HttpContent.ReadAsByteArrayAsync(CancellationToken)"/> made another large array per page, and
/// large arrays are only collected by full collections and never compacted, so the working set grew with the run
/// (docs/benchmarks.md, engine memory).
/// </summary>
internal sealed class BufferedBody(byte[] body) : ByteArrayContent(body)
{
    public byte[] Body { get; } = body;

    /// <summary>The body's bytes: the array already read when the handler buffered it, else read now.</summary>
    public static async Task<byte[]> ReadAsync(HttpContent content, CancellationToken cancellationToken) =>
        content is BufferedBody buffered ? buffered.Body : await content.ReadAsByteArrayAsync(cancellationToken);
}
