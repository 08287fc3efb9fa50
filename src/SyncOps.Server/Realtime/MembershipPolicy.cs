using System.Text.RegularExpressions;

namespace SyncOps.Server.Realtime;

/// <summary>
/// Recognises the one policy SyncOps puts on every tenant table (<c>syncops_private.create_org_policies</c>):
/// <c>org_id = any ((select syncops_auth.org_ids())::text[])</c>, as <c>pg_policies</c> deparses it, and nothing else
/// besides. Under that policy whether a subscriber sees a row depends only on the row's <c>org_id</c> and the
/// subscriber's organisations, so everyone with the same organisations shares one answer (<see cref="RlsViews"/>).
/// Any other condition, even one that merely adds to it, is not recognised and is checked per identity as before.
/// </summary>
internal static partial class MembershipPolicy
{
    public const string Column = "org_id";

    /// <summary>The function the policy calls (<c>syncops_auth.org_ids</c> or <c>auth.org_ids</c>), or null when the
    /// condition is anything but the membership check alone.</summary>
    public static string? OrgIdsFunction(string condition) =>
        Pattern().Match(condition) is { Success: true } match ? match.Groups["schema"].Value + ".org_ids" : null;

    [GeneratedRegex(@"^\(*org_id = ANY \(\( SELECT (?<schema>syncops_auth|auth)\.org_ids\(\) AS org_ids\)::text\[\]\)\)*$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
