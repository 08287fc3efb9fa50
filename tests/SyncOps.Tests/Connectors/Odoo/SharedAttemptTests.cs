using SyncOps.Connectors.Odoo;

namespace SyncOps.Tests.Connectors.Odoo;

/// <summary>The Odoo login and protocol probe run once per connector, and again only after a failure or a cancel.</summary>
public sealed class SharedAttemptTests
{
    [Fact]
    public async Task GetAsync_AfterSuccess_SharesTheFirstTask()
    {
        var attempt = new SharedAttempt<int>();
        var starts = 0;
        Task<int> Start(CancellationToken _) => Task.FromResult(++starts);

        var first = await attempt.GetAsync(Start, CancellationToken.None);
        var second = await attempt.GetAsync(Start, CancellationToken.None);

        Assert.Equal(1, first);
        Assert.Equal(1, second);
        Assert.Equal(1, starts);
    }

    [Fact]
    public async Task GetAsync_AfterFailureOrCancel_StartsAgain()
    {
        var attempt = new SharedAttempt<int>();
        var outcomes = new Queue<Task<int>>([
            Task.FromException<int>(new HttpRequestException("refused")),
            Task.FromCanceled<int>(new CancellationToken(canceled: true)),
            Task.FromResult(42),
        ]);
        Task<int> Start(CancellationToken _) => outcomes.Dequeue();

        await Assert.ThrowsAsync<HttpRequestException>(() => attempt.GetAsync(Start, CancellationToken.None));
        await Assert.ThrowsAsync<TaskCanceledException>(() => attempt.GetAsync(Start, CancellationToken.None));
        var third = await attempt.GetAsync(Start, CancellationToken.None);
        var fourth = await attempt.GetAsync(Start, CancellationToken.None);

        Assert.Equal(42, third);
        Assert.Equal(42, fourth);
        Assert.Empty(outcomes);
    }
}
