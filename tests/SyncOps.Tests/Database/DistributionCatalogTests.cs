using System.Text.RegularExpressions;
using SyncOps.Tests.Infrastructure;

namespace SyncOps.Tests.Database;

/// <summary>
/// Every table the migrations create can be distributed by org_id with Citus (docs/scale-out.md). Citus cannot run
/// here, so this checks its constraints on the catalog of the migrated database instead.
/// </summary>
public sealed partial class DistributionCatalogTests : DatabaseTest
{
    [Fact]
    public async Task EveryTable_IsDistributableByOrgIdOrListedAsReference()
    {
        await using var connection = await DataSource.OpenConnectionAsync();

        var violations = await DistributionRules.ViolationsAsync(connection);

        Assert.True(violations.Count == 0,
            "not distributable by org_id (add org_id to the keys, or list a shared lookup in DistributionRules with the " +
            "reason):\n" + string.Join('\n', violations));
    }

    [Fact]
    public async Task NewTable_WithoutOrgIdInItsKeys_IsReported()
    {
        await using var connection = await DataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await Sql.ExecuteAsync(connection, """
            create table public.catalog_probe (id bigint primary key, org_id text not null, code text unique);
            create table public.catalog_probe_child (
                org_id text not null, probe_id bigint references public.catalog_probe (id), primary key (org_id, probe_id));
            create table syncops_private.catalog_probe_lookup (name text primary key);
            create table public.catalog_probe_log (
                org_id text not null, script text references public.schema_migrations (name), primary key (org_id, script));
            """);

        var violations = await DistributionRules.ViolationsAsync(connection);

        Assert.Equal(
            [
                "public.catalog_probe: unique index catalog_probe_code_key does not include org_id",
                "public.catalog_probe: unique index catalog_probe_pkey does not include org_id",
                "public.catalog_probe_child: foreign key catalog_probe_child_probe_id_fkey to public.catalog_probe does not match org_id to org_id",
                "public.catalog_probe_log: foreign key catalog_probe_log_script_fkey points at the coordinator table public.schema_migrations",
                "syncops_private.catalog_probe_lookup: has no org_id column to be distributed by",
            ],
            violations.Where(v => v.Contains("catalog_probe", StringComparison.Ordinal)).ToList());
    }

    [Fact]
    public async Task ScaleOutDoc_NamesTheCitusCallOfEveryTable()
    {
        await using var connection = await DataSource.OpenConnectionAsync();
        var tables = await Sql.ScalarAsync<string[]>(connection, """
            select array_agg(name order by name) from (
            select n.nspname || '.' || c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
            where c.relkind in ('r', 'p') and not c.relispartition
              and (n.nspname in ('public', 'auth') or n.nspname like 'syncops\_%')) t
            """);
        var doc = await File.ReadAllTextAsync(RepositoryFiles.Resolve("docs/scale-out.md"));
        var calls = CitusCall().Matches(doc).Select(m => (Function: m.Groups[1].Value, Table: m.Groups[2].Value)).ToList();
        var distributed = calls.Where(c => c.Function == "create_distributed_table").Select(c => c.Table).ToHashSet();
        var reference = calls.Where(c => c.Function == "create_reference_table").Select(c => c.Table).ToHashSet();

        var missing = tables!.Where(t => DistributionRules.ReferenceTables.ContainsKey(t) ? !reference.Contains(t)
                : !DistributionRules.CoordinatorTables.ContainsKey(t) && !distributed.Contains(t))
            .ToList();

        Assert.True(missing.Count == 0, "docs/scale-out.md lacks the Citus call of: " + string.Join(", ", missing));
    }

    [GeneratedRegex(@"(create_distributed_table|create_reference_table)\('([a-z_]+\.[a-z_]+)'")]
    private static partial Regex CitusCall();
}
