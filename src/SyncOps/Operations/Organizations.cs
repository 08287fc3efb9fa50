using Npgsql;
using SyncOps.Database;

namespace SyncOps.Operations;

/// <summary>Organisations and their users (<c>syncops_auth.users_extended</c>, <c>organization_members</c>).</summary>
public sealed partial class Organizations(NpgsqlDataSource dataSource)
{
    /// <summary>The user with this e-mail address in an organisation (home or member), or null.</summary>
    public async Task<Guid?> FindUserByEmailAsync(string orgId, string email, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            """
            select u.id from syncops_auth.users_extended u
            where u.email = $2
              and (u.org_id = $1 or exists (select from public.organization_members m where m.user_id = u.id and m.org_id = $1))
            order by u.created_at limit 1
            """);
        command.AddValues(orgId, email);
        return await command.ExecuteScalarAsync(cancellationToken) as Guid?;
    }

    /// <summary>
    /// Adds a user to an organisation, creating the organisation when it is new. A new user gets it as home
    /// organisation; an existing user with another home becomes a member of this one too.
    /// </summary>
    public async Task<Guid> AddUserAsync(
        string orgId, Guid? userId = null, string? email = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(orgId);
        var id = userId ?? Guid.NewGuid();
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand(
            "insert into public.organizations (org_id, name) values ($1, $1) on conflict (org_id) do nothing")
        {
            Parameters = { new() { Value = orgId } },
        });
        batch.BatchCommands.Add(new NpgsqlBatchCommand(
            // A user Supabase Auth (or /auth/v1) already created keeps its e-mail address from auth.users.
            """
            insert into syncops_auth.users_extended (id, org_id, email)
            values ($1, $2, coalesce($3, (select u.email from auth.users u where u.id = $1)))
            on conflict (id) do nothing
            """)
        {
            Parameters = { new() { Value = id }, new() { Value = orgId }, new() { Value = (object?)email ?? DBNull.Value } },
        });
        batch.BatchCommands.Add(new NpgsqlBatchCommand(
            """
            insert into public.organization_members (user_id, org_id)
            select $1, $2 where not exists (select from syncops_auth.users_extended where id = $1 and org_id = $2)
            on conflict do nothing
            """)
        {
            Parameters = { new() { Value = id }, new() { Value = orgId } },
        });
        await batch.ExecuteNonQueryAsync(cancellationToken);
        return id;
    }
}
