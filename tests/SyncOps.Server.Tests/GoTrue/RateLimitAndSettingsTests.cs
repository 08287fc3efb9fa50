using SyncOps.Configuration;
using SyncOps.Server.GoTrue;

namespace SyncOps.Server.Tests.GoTrue;

public sealed class RateLimitAndSettingsTests
{
    private static readonly string[] s_oneAccountSpelledThreeWays = ["a@example.com", "A@Example.com", " a@example.com "];

    [Fact]
    public void TrySignIn_ManyAccountsFromOneAddress_LimitedPerAddress_OtherAddressesUnaffected()
    {
        using var limits = new GoTrueRateLimits(new GoTrueOptions { SignInsPerAddress = 3, SignInsPerAccount = 100 });

        var fromOne = Enumerable.Range(0, 5).Select(i => limits.TrySignIn("203.0.113.7", $"user{i}@example.com")).ToList();
        var fromAnother = limits.TrySignIn("203.0.113.8", "user0@example.com");

        Assert.Equal([true, true, true, false, false], fromOne);
        Assert.True(fromAnother);
    }

    [Fact]
    public void TrySignIn_OneAccountFromManyAddresses_LimitedPerAccount_CaseOfTheAddressIgnored()
    {
        using var limits = new GoTrueRateLimits(new GoTrueOptions { SignInsPerAddress = 100, SignInsPerAccount = 2 });

        var attempts = s_oneAccountSpelledThreeWays.Select((email, i) => limits.TrySignIn($"198.51.100.{i}", email)).ToList();

        Assert.Equal([true, true, false], attempts);
    }

    [Fact]
    public void FromVariables_SupabaseAuthSettings_ReadOnceFromTheEnvironment()
    {
        var variables = new Dictionary<string, string>
        {
            [SyncOpsSettings.JwksUrlVariable] = "https://ref.supabase.co/auth/v1/.well-known/jwks.json",
            [SyncOpsSettings.PublishableKeysVariable] = "sb_publishable_one, sb_publishable_two",
            [SyncOpsSettings.SecretKeysVariable] = "sb_secret_one",
            [SyncOpsSettings.AuthSignupVariable] = "true",
            [SyncOpsSettings.JwtExpiryVariable] = "300",
        };

        var settings = SyncOpsSettings.FromVariables(name => variables.GetValueOrDefault(name));

        Assert.Equal("https://ref.supabase.co/auth/v1/.well-known/jwks.json", settings.JwksUrl);
        Assert.Equal(["sb_publishable_one", "sb_publishable_two"], settings.PublishableKeys);
        Assert.Equal(["sb_secret_one"], settings.SecretKeys);
        Assert.True(settings.AuthSignup);
        Assert.Equal(300, settings.JwtExpirySeconds);
        var bad = Assert.Throws<SyncOpsException>(() => SyncOpsSettings.FromVariables(
            name => name == SyncOpsSettings.JwtExpiryVariable ? "an hour" : null));
        Assert.Contains(SyncOpsSettings.JwtExpiryVariable, bad.Message, StringComparison.Ordinal);
    }
}
