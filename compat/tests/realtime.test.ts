// Supabase Realtime as supabase-js 2.49 (realtime-js 2.11) uses it: postgres_changes with a filter, row-level security
// across two organisations, token refresh, and broadcast between clients, against SyncOps' /realtime/v1.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createClient, type RealtimeChannel, type SupabaseClient } from '@supabase/supabase-js';
import { env, clientWithToken } from '../guide/client';
import { startSync } from '../guide/quick-reference';
import { subscribed, until } from './realtime-support';

const userToken = process.env.SYNCOPS_USER_TOKEN!;
const clients: SupabaseClient[] = [];

// supabase-js hands realtime the session's token (accessToken), and re-sends it after every join: a token set with
// realtime.setAuth alone would be replaced by the anon key. The accessToken option is supabase-js' way for a third-party token.
function realtimeAs(token: string) {
  const client = createClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, env.anonKey, { accessToken: async () => token });
  clients.push(client);
  return client;
}

after(async () => {
  for (const client of clients) await client.removeAllChannels();
});

test('postgres_changes: a member sees INSERT, UPDATE and DELETE of its organisation, another organisation sees none', async () => {
  type Change = { eventType: string; new: Record<string, unknown>; old: Record<string, unknown>; commit_timestamp: string };
  const mine: Change[] = [];
  const theirs: Change[] = [];
  const member = realtimeAs(userToken)
    .channel('syncs-a')
    .on('postgres_changes', { event: '*', schema: 'public', table: 'sync_progress', filter: `org_id=eq.${env.orgId}` },
      (payload) => mine.push(payload as unknown as Change));
  const stranger = realtimeAs(env.otherToken)
    .channel('syncs-b')
    .on('postgres_changes', { event: '*', schema: 'public', table: 'sync_progress' },
      (payload) => theirs.push(payload as unknown as Change));
  await subscribed(member);
  await subscribed(stranger);

  const syncId = await startSync(env.orgId, env.userId);
  const service = clientWithToken(env.serviceRoleKey);
  const updated = await service.from('sync_progress').update({ processed_count: 42 }).eq('sync_id', syncId);
  assert.equal(updated.error, null);
  const deleted = await service.from('sync_progress').delete().eq('sync_id', syncId);
  assert.equal(deleted.error, null);

  // A DELETE carries the old row's primary key only (as on Supabase), so it is matched by the row's id.
  const rowId = () => mine.find((c) => c.new.sync_id === syncId)?.new.id;
  const forSync = () => mine.filter((c) => c.new.sync_id === syncId || (c.eventType === 'DELETE' && c.old.id === rowId()));
  await until(() => `INSERT, UPDATE and DELETE (got ${JSON.stringify(mine)})`, () => (forSync().length >= 3 ? true : undefined));
  const [insert, update, del] = forSync();
  assert.equal(insert.eventType, 'INSERT');
  assert.equal(insert.new.org_id, env.orgId);
  assert.equal(insert.new.total_items, 5000, 'values keep their JSON types');
  assert.equal(update.eventType, 'UPDATE');
  assert.equal(update.new.processed_count, 42);
  assert.equal(del.eventType, 'DELETE');
  assert.equal(del.old.id, insert.new.id);
  assert.ok(!Number.isNaN(Date.parse(insert.commit_timestamp)), 'commit_timestamp is a date');

  // The stranger's own change is committed after ours: had ours reached it, they would have arrived first.
  const own = `sync-b-${Date.now()}`;
  const inserted = await clientWithToken(env.otherToken)
    .from('sync_progress').insert({ org_id: env.otherOrgId, sync_id: own, entity_type: 'customer', total_items: 1 });
  assert.equal(inserted.error, null);
  await until('the stranger\'s own INSERT', () => theirs.find((c) => c.new.sync_id === own));
  assert.deepEqual(theirs.filter((c) => c.new.sync_id === syncId || c.old.id === insert.new.id), [],
    'another organisation never sees the rows');
});

test('a subscription to a table that does not exist is refused with CHANNEL_ERROR', async () => {
  const channel = realtimeAs(userToken)
    .channel('nope')
    .on('postgres_changes', { event: 'INSERT', schema: 'public', table: 'no_such_table' }, () => {});
  await assert.rejects(subscribed(channel), /no_such_table/);
});

test('broadcast reaches the other clients of the channel', async () => {
  const received: unknown[] = [];
  const listener = realtimeAs(userToken).channel('room-1').on('broadcast', { event: 'progress' }, (m) => received.push(m.payload));
  const sender = realtimeAs(env.otherToken).channel('room-1', { config: { broadcast: { ack: true } } });
  await subscribed(listener);
  await subscribed(sender);
  const status = await sender.send({ type: 'broadcast', event: 'progress', payload: { percent: 50 } });
  assert.equal(status, 'ok');
  assert.deepEqual(await until('the broadcast', () => received[0]), { percent: 50 });
});
