using SyncOps.Configuration;

namespace SyncOps.Server.Auth;

/// <summary>Registers what Supabase Auth's tokens and keys are checked with, from the settings read at the edge.</summary>
internal static class SupabaseAuthKeysExtensions
{
    public static IServiceCollection AddSupabaseAuthKeys(this IServiceCollection services, SyncOpsSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        services.AddSingleton(new ApiKeys(settings.PublishableKeys, settings.SecretKeys));
        if (settings.JwksUrl is { } jwksUrl)
        {
            if (!Uri.TryCreate(jwksUrl, UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http"))
            {
                throw new SyncOpsException($"{SyncOpsSettings.JwksUrlVariable} must be an http(s) URL, not \"{jwksUrl}\"");
            }

            // A short timeout and no retries: a token check waits for this fetch, and failures are already limited to
            // one fetch a minute by JwksKeySource.
            services.AddHttpClient(nameof(JwksKeySource), http => http.Timeout = TimeSpan.FromSeconds(5));
            services.AddSingleton(sp => new JwksKeySource(
                sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(JwksKeySource)), url,
                sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<JwksKeySource>>()));
        }

        return services;
    }
}
