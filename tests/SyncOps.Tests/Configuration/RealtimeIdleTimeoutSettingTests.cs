using SyncOps.Configuration;

namespace SyncOps.Tests.Configuration;

/// <summary>SYNCOPS_REALTIME_IDLE_TIMEOUT: read once with the other settings, in the same duration forms as SYNCOPS_STALE_AFTER.</summary>
public sealed class RealtimeIdleTimeoutSettingTests
{
    [Theory]
    [InlineData("4s", 4)]
    [InlineData("2m", 120)]
    public void FromVariables_IdleTimeoutWithUnit_Parsed(string text, int seconds)
    {
        var settings = SyncOpsSettings.FromVariables(name => name == SyncOpsSettings.RealtimeIdleTimeoutVariable ? text : null);

        Assert.Equal(TimeSpan.FromSeconds(seconds), settings.RealtimeIdleTimeout);
    }

    [Fact]
    public void FromVariables_IdleTimeoutUnset_SixtySecondsAsPhoenix()
    {
        Assert.Equal(TimeSpan.FromSeconds(60), SyncOpsSettings.FromVariables(_ => null).RealtimeIdleTimeout);
    }

    [Theory]
    [InlineData("60")]
    [InlineData("0s")]
    public void FromVariables_IdleTimeoutMalformed_ErrorNamesVariable(string text)
    {
        var error = Assert.Throws<SyncOpsException>(() =>
            SyncOpsSettings.FromVariables(name => name == SyncOpsSettings.RealtimeIdleTimeoutVariable ? text : null));

        Assert.StartsWith("SYNCOPS_REALTIME_IDLE_TIMEOUT:", error.Message, StringComparison.Ordinal);
    }
}
