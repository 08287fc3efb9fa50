namespace SyncOps.Server.Tests.Rest.Conformance;

/// <summary>The Prefer header (PostgREST docs, "Prefer Header"; ApiRequest/Preferences.hs).</summary>
public sealed class PreferencesConformanceTests : ConformanceTest
{
    [Fact]
    public async Task StrictHandling_UnknownPreference_Pgrst122() => AssertJson(
        await GetAsync("users?select=id", ("Prefer", "handling=strict, foo=bar")), 400,
        """{"code":"PGRST122","details":"Invalid preferences: foo=bar","hint":null,"message":"Invalid preferences given with handling=strict"}""");

    [Fact]
    public async Task LenientHandling_IgnoresUnknownPreferences()
    {
        var response = await GetAsync("users?select=id&id=eq.1", ("Prefer", "handling=lenient, foo=bar"));
        AssertJson(response, 200, """[{"id":1}]""");
        Assert.Equal("handling=lenient", response.Header("Preference-Applied"));
    }
}
