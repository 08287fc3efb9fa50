using System.Collections.Concurrent;
using SyncOps.Connectors;

namespace SyncOps.Engine;

public sealed partial class RecordWriter
{
    private static readonly ConcurrentDictionary<string, string> s_upsertSql = new();

    /// <summary>
    /// The upsert for a canonical table. Identifiers come only from <see cref="CanonicalTable"/> constants; every value
    /// is a parameter. <c>xmax = 0</c> tells an inserted row from an updated one; unchanged rows return nothing. A row
    /// marked deleted that the source sends again is written (and un-deleted) even when its content did not change.
    /// </summary>
    private static string UpsertSql(CanonicalTable table) => s_upsertSql.GetOrAdd(table.Name, _ =>
    {
        var names = table.Columns.Select(c => c.Column).ToList();
        var fieldAliases = string.Join(", ", names.Select((_, i) => $"f{i}"));
        var fieldParameters = string.Join(", ", names.Select((_, i) => $"${10 + i}::text[]"));
        var casts = string.Join(", ", table.Columns.Select((c, i) => $"u.f{i}::{c.SqlType}"));
        var updates = string.Join(", ", names.Select(n => $"{n} = excluded.{n}"));
        return $"""
            with written as (
                insert into public.{table.Name} as t
                    (org_id, source_system, external_id, connection_id, last_sync_id, source_created_at, source_updated_at,
                     content_hash, raw, {string.Join(", ", names)})
                select $1, $2, u.external_id, $3, $4, u.created_at::timestamptz, u.updated_at::timestamptz,
                       u.content_hash, u.raw::jsonb, {casts}
                from unnest($5::text[], $6::text[], $7::text[], $8::bytea[], $9::text[], {fieldParameters})
                    as u(external_id, created_at, updated_at, content_hash, raw, {fieldAliases})
                -- Unchanged rows are dropped here, before their payload is parsed into jsonb.
                where not exists (
                    select 1 from public.{table.Name} x
                    where x.org_id = $1 and x.source_system = $2 and x.external_id = u.external_id and x.content_hash = u.content_hash
                      and x.deleted_at is null)
                on conflict (org_id, source_system, external_id) do update set
                    connection_id = excluded.connection_id, last_sync_id = excluded.last_sync_id,
                    source_created_at = excluded.source_created_at, source_updated_at = excluded.source_updated_at,
                    content_hash = excluded.content_hash, raw = excluded.raw, {updates}, updated_at = now(), deleted_at = null
                where t.content_hash <> excluded.content_hash or t.deleted_at is not null
                returning (xmax = 0) as inserted
            )
            select (count(*) filter (where inserted))::int, (count(*) filter (where not inserted))::int from written
            """;
    });
}
