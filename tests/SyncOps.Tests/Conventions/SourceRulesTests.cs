using System.Text.RegularExpressions;

namespace SyncOps.Tests.Conventions;

/// <summary>
/// The structure rules of issue 8 that no compiler checks, read from the sources themselves: one owner per table, settings
/// read once at the edge, one way to act as a user. A new file that breaks one fails here with its name, so the rule
/// cannot wear away one convenient shortcut at a time.
/// </summary>
public sealed partial class SourceRulesTests
{
    [Fact]
    public void SyncProgressStatements_OnlyInTracking()
    {
        // DemoCommand prints a psql line for the reader to paste: text on the screen, not a statement SyncOps runs.
        var offenders = Offenders("src", SyncProgressStatement(), "src/SyncOps/Tracking/", "src/SyncOps.Cli/Commands/DemoCommand.cs");

        Assert.Empty(offenders);
    }

    [Fact]
    public void SyncJobsWrites_OnlyInSyncJobs()
    {
        var offenders = Offenders("src", SyncJobsWrite(), "src/SyncOps/Engine/SyncJobs.cs");

        Assert.Empty(offenders);
    }

    [Fact]
    public void SettingsFromEnvironment_OnlyAtTheEdges()
    {
        var offenders = Offenders("src", FromEnvironmentCall(),
            "src/SyncOps.Cli/Program.cs", "src/SyncOps.Server/Program.cs", "src/SyncOps/Configuration/SyncOpsSettings.cs");

        Assert.Empty(offenders);
    }

    [Fact]
    public void RoleAndClaims_SetOnlyByUserSession()
    {
        var offenders = Offenders("src", RoleOrClaimsSetting(), "src/SyncOps/Security/UserSession.cs")
            .Concat(Offenders("tests", RoleOrClaimsSetting(), "tests/SyncOps.Tests/Conventions/"));

        Assert.Empty(offenders);
    }

    [Fact]
    public void Rules_FindWhatTheyLookFor()
    {
        // Each pattern matches the statement it is written for, so an empty list above means "none", not "never matches".
        Assert.Matches(SyncProgressStatement(), "update public.sync_progress set status = $3");
        Assert.Matches(SyncProgressStatement(), "select 1 from sync_progress p where");
        Assert.Matches(SyncJobsWrite(), "update public.sync_jobs set status = 'running'");
        Assert.Matches(FromEnvironmentCall(), "var settings = SyncOpsSettings.FromEnvironment();");
        Assert.Matches(RoleOrClaimsSetting(), "select set_config('request.jwt.claims', $1, true)");
        Assert.DoesNotMatch(FromEnvironmentCall(), "/// read once (<see cref=\"SyncOpsSettings.FromEnvironment\"/>)");
        // And the walk reads the tree: without the allowance, the owners themselves are found.
        Assert.Contains(Offenders("src", SyncProgressStatement()), o => o.StartsWith("src/SyncOps/Tracking/", StringComparison.Ordinal));
        Assert.Contains(Offenders("src", RoleOrClaimsSetting()), o => o.StartsWith("src/SyncOps/Security/UserSession.cs", StringComparison.Ordinal));
    }

    /// <summary>"path:line" of every C# line under <paramref name="folder"/> that matches, outside the allowed paths and comments.</summary>
    private static List<string> Offenders(string folder, Regex pattern, params string[] allowed)
    {
        var offenders = new List<string>();
        foreach (var (path, lines) in SourceFiles.Under(folder))
        {
            if (allowed.Any(a => path.StartsWith(a, StringComparison.Ordinal)))
            {
                continue;
            }

            for (var i = 0; i < lines.Length; i++)
            {
                if (!lines[i].TrimStart().StartsWith("//", StringComparison.Ordinal) && pattern.IsMatch(lines[i]))
                {
                    offenders.Add($"{path}:{i + 1}");
                }
            }
        }

        return offenders;
    }

    [GeneratedRegex(@"\b(from|join|update|into)\s+(public\.)?sync_progress\b", RegexOptions.IgnoreCase)]
    private static partial Regex SyncProgressStatement();

    [GeneratedRegex(@"\b(update|insert\s+into|delete\s+from)\s+(public\.)?sync_jobs\b", RegexOptions.IgnoreCase)]
    private static partial Regex SyncJobsWrite();

    [GeneratedRegex(@"FromEnvironment\(\)")]
    private static partial Regex FromEnvironmentCall();

    [GeneratedRegex(@"set_config\('(role|request\.jwt\.claims)'|\bset\s+(local\s+)?role\s+(authenticated|anon)\b", RegexOptions.IgnoreCase)]
    private static partial Regex RoleOrClaimsSetting();
}
