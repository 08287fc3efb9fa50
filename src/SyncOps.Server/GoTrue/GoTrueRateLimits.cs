using System.Threading.RateLimiting;

namespace SyncOps.Server.GoTrue;

/// <summary>
/// Fixed-window limits on password sign-ins per client address and per account, and on refreshes per address, from
/// System.Threading.RateLimiting (what ASP.NET Core's rate limiting middleware is built on). Per account as well as per
/// address: a password guesser with many addresses still gets only so many tries at one user.
/// </summary>
internal sealed class GoTrueRateLimits : IDisposable
{
    private readonly PartitionedRateLimiter<string> _signInsByAddress;
    private readonly PartitionedRateLimiter<string> _signInsByAccount;
    private readonly PartitionedRateLimiter<string> _refreshesByAddress;

    public GoTrueRateLimits(GoTrueOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _signInsByAddress = Create(options.SignInsPerAddress, options.RateLimitWindow);
        _signInsByAccount = Create(options.SignInsPerAccount, options.RateLimitWindow);
        _refreshesByAddress = Create(options.RefreshesPerAddress, options.RateLimitWindow);
    }

    /// <summary>False when this address or this account has used up its sign-ins for the window.</summary>
    public bool TrySignIn(string address, string email)
    {
        using var byAddress = _signInsByAddress.AttemptAcquire(address);
        using var byAccount = _signInsByAccount.AttemptAcquire(email.Trim().ToLowerInvariant());
        return byAddress.IsAcquired && byAccount.IsAcquired;
    }

    public bool TryRefresh(string address)
    {
        using var lease = _refreshesByAddress.AttemptAcquire(address);
        return lease.IsAcquired;
    }

    public void Dispose()
    {
        _signInsByAddress.Dispose();
        _signInsByAccount.Dispose();
        _refreshesByAddress.Dispose();
    }

    private static PartitionedRateLimiter<string> Create(int permits, TimeSpan window) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ =>
            new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window, QueueLimit = 0 }));
}
