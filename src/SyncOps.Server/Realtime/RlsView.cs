namespace SyncOps.Server.Realtime;

/// <summary>
/// What row-level security lets a group of subscribers read of one table, shared by all of them: <see cref="Key"/>
/// names the group. <see cref="All"/>: everything (RLS off, or a role that bypasses it). <see cref="Orgs"/>: the rows of
/// these organisations (the table has only the membership policy, see <see cref="MembershipPolicy"/>). Neither: the
/// policies must be run as the subscriber (the group is one set of claims).
/// </summary>
internal sealed record RlsView(string Key, bool All, IReadOnlySet<string>? Orgs)
{
    /// <summary>
    /// The answer for a row when it can be given without the database: true or false, or null when the policies must
    /// be run. A row without its org_id (a DELETE whose key lacks it) is not decided here.
    /// </summary>
    public bool? Decide(System.Text.Json.Nodes.JsonObject row)
    {
        if (All)
        {
            return true;
        }

        if (Orgs is null || !row.TryGetPropertyValue(MembershipPolicy.Column, out var org))
        {
            return null;
        }

        // NULL = ANY (...) is NULL in SQL: not visible, as here.
        return org?.GetValue<string>() is { } id && Orgs.Contains(id);
    }
}
