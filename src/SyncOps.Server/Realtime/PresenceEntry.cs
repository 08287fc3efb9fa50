using System.Text.Json.Nodes;

namespace SyncOps.Server.Realtime;

/// <summary>
/// What one channel tracks: its presence key (shared by every device of a user when they join with the same key), the
/// payload it tracked and the <c>phx_ref</c> naming this version of it, as Phoenix Presence keeps a meta.
/// </summary>
internal sealed record PresenceEntry(string Key, JsonObject Payload, string Ref)
{
    /// <summary>The meta as Phoenix sends it: the payload's fields, <c>phx_ref</c>, and <c>phx_ref_prev</c> on an update.</summary>
    public JsonObject Meta(string? previousRef = null)
    {
        var meta = new JsonObject { ["phx_ref"] = Ref };
        if (previousRef is not null)
        {
            meta["phx_ref_prev"] = previousRef;
        }

        foreach (var (name, value) in Payload)
        {
            if (name is not ("phx_ref" or "phx_ref_prev"))
            {
                meta[name] = value?.DeepClone();
            }
        }

        return meta;
    }
}
