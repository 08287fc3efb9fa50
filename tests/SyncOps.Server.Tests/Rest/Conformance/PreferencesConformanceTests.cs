namespace SyncOps.Server.Tests.Rest.Conformance;

/// <summary>The Prefer header (PostgREST docs, "Prefer Header"; ApiRequest/Preferences.hs).</summary>
[Collection(SharedConformanceSchema.Name)]
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

    /// <summary>PostgREST's estimated count is exact up to db-max-rows (above it, see <see cref="CountConformanceTests"/>).</summary>
    [Fact]
    public async Task EstimatedCount_IsExactBelowTheRowLimit()
    {
        var response = await GetAsync("messages?select=id&channel_id=eq.10&order=id&limit=1", ("Prefer", "count=estimated"));
        AssertJson(response, 206, """[{"id":100}]""");
        Assert.Equal("0-0/3", response.Header("Content-Range"));
    }
}
