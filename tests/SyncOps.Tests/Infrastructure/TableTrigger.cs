using Npgsql;

namespace SyncOps.Tests.Infrastructure;

/// <summary>
/// A row trigger on a canonical table that fires only for one organisation's rows (so tests running beside it are not
/// touched): a real database refusing or slowing a write, for the engine's failure and cancel paths. Dropped on dispose.
/// </summary>
public sealed class TableTrigger : IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _table;
    private readonly string _name = "test_trigger_" + Guid.NewGuid().ToString("N")[..12];

    private TableTrigger(NpgsqlDataSource dataSource, string table)
    {
        _dataSource = dataSource;
        _table = table;
    }

    /// <param name="body">PL/pgSQL statements run before each insert or update of the organisation's rows.</param>
    public static async Task<TableTrigger> CreateAsync(NpgsqlDataSource dataSource, string table, string orgId, string body)
    {
        // Table and org id come from the test itself (org ids are "org-" + hex), never from input.
        var trigger = new TableTrigger(dataSource, table);
        await using var command = dataSource.CreateCommand(
            $"""
            create function public.{trigger._name}() returns trigger language plpgsql as $body$ begin {body}; return new; end $body$;
            create trigger {trigger._name} before insert or update on public.{table}
                for each row when (new.org_id = '{orgId}') execute function public.{trigger._name}();
            """);
        await command.ExecuteNonQueryAsync();
        return trigger;
    }

    public async ValueTask DisposeAsync()
    {
        await using var command = _dataSource.CreateCommand(
            $"drop trigger if exists {_name} on public.{_table}; drop function if exists public.{_name}();");
        await command.ExecuteNonQueryAsync();
    }
}
