using SyncOps.Configuration;

namespace SyncOps.Tests.Configuration;

/// <summary>SYNCOPS_STALE_AFTER: read once with the other settings; a mistake names the variable and the accepted forms.</summary>
public sealed class StaleAfterSettingTests
{
    [Theory]
    [InlineData("60s", 60)]
    [InlineData("15m", 900)]
    [InlineData(" 2h ", 7200)]
    [InlineData("1d", 86400)]
    public void FromVariables_StaleAfterWithUnit_Parsed(string text, int seconds)
    {
        var settings = SyncOpsSettings.FromVariables(name => name == SyncOpsSettings.StaleAfterVariable ? text : null);

        Assert.Equal(TimeSpan.FromSeconds(seconds), settings.StaleAfter);
    }

    [Fact]
    public void FromVariables_StaleAfterUnset_FifteenMinutes()
    {
        Assert.Equal(TimeSpan.FromMinutes(15), SyncOpsSettings.FromVariables(_ => null).StaleAfter);
    }

    [Theory]
    [InlineData("15")]
    [InlineData("15 minutes")]
    [InlineData("0s")]
    [InlineData("-5m")]
    public void FromVariables_StaleAfterMalformed_ErrorNamesVariable(string text)
    {
        var error = Assert.Throws<SyncOpsException>(() =>
            SyncOpsSettings.FromVariables(name => name == SyncOpsSettings.StaleAfterVariable ? text : null));

        Assert.StartsWith("SYNCOPS_STALE_AFTER:", error.Message, StringComparison.Ordinal);
        Assert.Contains("60s, 15m", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(900, "15m")]
    [InlineData(90, "90s")]
    [InlineData(7200, "2h")]
    public void Format_ShortestExactUnit(int seconds, string expected)
    {
        Assert.Equal(expected, DurationText.Format(TimeSpan.FromSeconds(seconds)));
    }
}
