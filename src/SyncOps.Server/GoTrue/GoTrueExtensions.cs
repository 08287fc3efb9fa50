using SyncOps.Configuration;

namespace SyncOps.Server.GoTrue;

/// <summary>Registers SyncOps' own <c>/auth/v1</c>; <see cref="GoTrueState"/> decides per database whether it serves.</summary>
internal static class GoTrueExtensions
{
    public static IServiceCollection AddGoTrue(this IServiceCollection services, SyncOpsSettings settings, GoTrueOptions options)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(options);
        options.SignupEnabled |= settings.AuthSignup;
        if (settings.JwtExpirySeconds is { } seconds)
        {
            options.AccessTokenLifetime = TimeSpan.FromSeconds(seconds);
        }

        services.AddSingleton(options);
        services.AddSingleton<AuthUserStore>();
        services.AddSingleton<SessionStore>();
        services.AddSingleton<GoTrueJson>();
        services.AddSingleton<GoTrueRateLimits>();
        services.AddSingleton<DashboardSessions>();
        services.AddSingleton(sp => new GoTrueState(settings, sp.GetRequiredService<AuthUserStore>()));
        return services;
    }
}
