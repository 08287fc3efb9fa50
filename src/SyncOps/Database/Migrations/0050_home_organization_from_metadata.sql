-- Users that Supabase Auth creates (sign-up, auth.admin.createUser) can get their home organisation from their
-- app_metadata: {"org_id": "org-123"}. Only app_metadata, which only the service role can set; user_metadata is the
-- user's own sign-up form and would let anyone join any organisation. Installed as a function only; the trigger on
-- auth.users is the operator's choice, one statement in docs/supabase.md, because auth.users is Supabase's table.

create or replace function syncops_auth.assign_home_organization() returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
    wanted text := new.raw_app_meta_data ->> 'org_id';
begin
    -- Anything but a plausible organisation id is ignored rather than rejected: an error here would fail Supabase
    -- Auth's own insert, and with it the user's sign-up.
    if wanted is null or length(wanted) not between 1 and 200 then
        return new;
    end if;
    insert into public.organizations (org_id, name) values (wanted, wanted) on conflict (org_id) do nothing;
    -- Same rule as `syncops user add`: a new user gets it as home organisation, a user with another home becomes a
    -- member of it too.
    insert into syncops_auth.users_extended (id, org_id, email) values (new.id, wanted, new.email)
    on conflict (id) do update set email = excluded.email;
    insert into public.organization_members (user_id, org_id)
    select new.id, wanted
    where not exists (select from syncops_auth.users_extended u where u.id = new.id and u.org_id = wanted)
    on conflict do nothing;
    return new;
end
$$;
revoke all on function syncops_auth.assign_home_organization() from public;
