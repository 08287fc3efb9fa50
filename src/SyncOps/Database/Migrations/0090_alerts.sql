-- Alerts (issue 12 item 5): per organisation, channels (where a message goes) and rules (when one is sent). The
-- evaluator in serve (src/SyncOps/Alerts/) opens one incident per rule and subject while the rule holds and closes it
-- when it stops holding; each incident gets exactly one 'alert' and one 'resolve' delivery, which the database enforces
-- (alert_deliveries_once_idx), and every delivery, retried or not, is the alert log the dashboard shows.

-- An HTTPS webhook (JSON body, HMAC-SHA256 signature header) or a Slack-compatible incoming webhook ({"text": ...}).
-- The URL and the signing secret are encrypted by the application (AES-GCM, as connection secrets; a Slack URL is
-- itself the credential), so members read only the host, to recognise the channel.
create table public.alert_channels (
    org_id text not null,
    id uuid not null default gen_random_uuid(),
    kind text not null,
    name text not null,
    url_host text not null,
    target_ciphertext bytea not null,
    -- Which key encrypted the target (SecretProtector.KeyId): a serve process started with another SYNCOPS_SECRET_KEY
    -- leaves the channel's deliveries to the processes that can decrypt them instead of failing them.
    key_id text not null,
    created_at timestamptz not null default now(),
    constraint alert_channels_pkey primary key (org_id, id),
    constraint alert_channels_kind_check check (kind in ('webhook', 'slack')),
    constraint alert_channels_name_length check (length(name) between 1 and 200)
);

-- What to watch. Sync rules look at the latest finished syncs of each stream (a connection's entity, or for syncs
-- tracked by other workers, a source system's entity), optionally narrowed to one connection and entity; schedule
-- rules look at schedules. threshold: percent for errors_above and slower_than_baseline, a count for
-- consecutive_failures; after_seconds: T for schedule_not_succeeded.
create table public.alert_rules (
    org_id text not null,
    id uuid not null default gen_random_uuid(),
    channel_id uuid not null,
    condition text not null,
    connection_id uuid,
    entity_type text,
    schedule_id uuid,
    threshold numeric,
    after_seconds integer,
    created_at timestamptz not null default now(),
    constraint alert_rules_pkey primary key (org_id, id),
    -- Composite keys: a rule can only name a channel, connection or schedule of its own organisation; the database
    -- refuses any other, whoever writes (REST API, psql, CLI).
    constraint alert_rules_channel_fkey foreign key (org_id, channel_id)
        references public.alert_channels (org_id, id) on delete cascade,
    constraint alert_rules_connection_fkey foreign key (org_id, connection_id)
        references public.connections (org_id, id) on delete cascade,
    constraint alert_rules_schedule_fkey foreign key (org_id, schedule_id)
        references public.sync_schedules (org_id, id) on delete cascade,
    constraint alert_rules_condition_check check (condition in
        ('failed', 'timeout', 'errors_above', 'slower_than_baseline', 'consecutive_failures', 'schedule_not_succeeded')),
    constraint alert_rules_entity_check check (entity_type in ('customer', 'product', 'order')),
    constraint alert_rules_threshold_check check (case condition
        when 'errors_above' then threshold >= 0 and threshold < 100
        when 'slower_than_baseline' then threshold > 0 and threshold < 100
        when 'consecutive_failures' then threshold = trunc(threshold) and threshold between 2 and 100
        else threshold is null end),
    constraint alert_rules_after_check check (case condition
        when 'schedule_not_succeeded' then after_seconds between 60 and 31 * 86400
        else after_seconds is null end),
    constraint alert_rules_schedule_only check (schedule_id is null or condition = 'schedule_not_succeeded')
);

create table public.alert_incidents (
    org_id text not null,
    id bigint generated always as identity,
    rule_id uuid not null,
    subject text not null,
    detail text not null,
    opened_at timestamptz not null,
    resolved_at timestamptz,
    constraint alert_incidents_pkey primary key (org_id, id),
    constraint alert_incidents_rule_fkey foreign key (org_id, rule_id)
        references public.alert_rules (org_id, id) on delete cascade
);

-- One open incident per rule and subject: a rule that keeps holding does not alert again.
create unique index alert_incidents_open_idx on public.alert_incidents (org_id, rule_id, subject) where resolved_at is null;
create index alert_incidents_org_idx on public.alert_incidents (org_id, opened_at desc);

-- The alert log: every message, its attempts and its outcome. A pending row is the outbox the sender works through;
-- it is written in the same statement that opens or resolves its incident, so a crash in between loses nothing.
create table public.alert_deliveries (
    org_id text not null,
    id bigint generated always as identity,
    channel_id uuid not null,
    rule_id uuid,
    incident_id bigint,
    kind text not null,
    subject text,
    message text not null,
    status text not null default 'pending',
    attempts integer not null default 0,
    next_attempt_at timestamptz not null,
    response_status integer,
    last_error text,
    created_at timestamptz not null,
    delivered_at timestamptz,
    constraint alert_deliveries_pkey primary key (org_id, id),
    constraint alert_deliveries_channel_fkey foreign key (org_id, channel_id)
        references public.alert_channels (org_id, id) on delete cascade,
    -- The log outlives a removed rule: only the link is cleared (PostgreSQL 15's column list keeps org_id).
    constraint alert_deliveries_rule_fkey foreign key (org_id, rule_id)
        references public.alert_rules (org_id, id) on delete set null (rule_id),
    constraint alert_deliveries_incident_fkey foreign key (org_id, incident_id)
        references public.alert_incidents (org_id, id) on delete set null (incident_id),
    constraint alert_deliveries_kind_check check (kind in ('alert', 'resolve', 'test')),
    constraint alert_deliveries_status_check check (status in ('pending', 'delivered', 'failed'))
);

-- One alert and one resolve message per incident, whatever happens to the evaluator.
create unique index alert_deliveries_once_idx on public.alert_deliveries (org_id, incident_id, kind) where incident_id is not null;
create index alert_deliveries_pending_idx on public.alert_deliveries (next_attempt_at) where status = 'pending';
create index alert_deliveries_org_idx on public.alert_deliveries (org_id, created_at desc);

-- Members see their organisation's alerts and may add or remove rules (naming only their own channels, connections
-- and schedules: the keys above) and remove channels; channels are added by trusted code, which encrypts the URL.
-- Incidents and deliveries are written by the evaluator only.
select syncops_private.create_org_policies('public.alert_channels', array['select', 'delete']);
select syncops_private.create_org_policies('public.alert_rules', array['select', 'insert', 'delete']);
select syncops_private.create_org_policies('public.alert_incidents', array['select']);
select syncops_private.create_org_policies('public.alert_deliveries', array['select']);

grant select (org_id, id, kind, name, url_host, created_at), delete on public.alert_channels to authenticated;
grant select, delete on public.alert_rules to authenticated;
grant insert (org_id, channel_id, condition, connection_id, entity_type, schedule_id, threshold, after_seconds)
    on public.alert_rules to authenticated;
grant select on public.alert_incidents, public.alert_deliveries to authenticated;
grant all on public.alert_channels, public.alert_rules, public.alert_incidents, public.alert_deliveries to service_role;
