namespace SyncOps.Server.GoTrue;

/// <summary>How SyncOps' own <c>/auth/v1</c> behaves; the defaults are GoTrue's where GoTrue has one.</summary>
internal sealed class GoTrueOptions
{
    /// <summary>Life of an access token (GoTrue's JWT_EXP default: one hour).</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>A refresh token not exchanged within this time no longer works, and its session ends.</summary>
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Whether anyone may sign up; off by default: an operator invites users (<c>syncops user add</c>).</summary>
    public bool SignupEnabled { get; set; }

    /// <summary>Password sign-ins allowed per client address per window (GoTrue: 30 per 5 minutes).</summary>
    public int SignInsPerAddress { get; set; } = 30;

    /// <summary>Password sign-ins allowed per e-mail address per window, whatever address they come from.</summary>
    public int SignInsPerAccount { get; set; } = 10;

    /// <summary>Token refreshes allowed per client address per window (GoTrue: 150 per 5 minutes).</summary>
    public int RefreshesPerAddress { get; set; } = 150;

    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromMinutes(5);
}
