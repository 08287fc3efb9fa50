// Realtime over a subscription's life, with realtime-js as supabase-js 2.49 ships it (2.11): a token refreshed
// mid-subscription changes who the subscription is, and a bad one closes the channel.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createClient, type RealtimeChannel, type SupabaseClient } from '@supabase/supabase-js';
import { env, clientWithToken } from '../guide/client';
import { subscribed, until } from './realtime-support';

const userToken = process.env.SYNCOPS_USER_TOKEN!;
const clients: SupabaseClient[] = [];

after(async () => {
  for (const client of clients) await client.removeAllChannels();
});

async function insertSync(token: string, orgId: string, syncId: string) {
  const { error } = await clientWithToken(token)
    .from('sync_progress').insert({ org_id: orgId, sync_id: syncId, entity_type: 'customer', total_items: 1 });
  assert.equal(error, null);
}

type Insert = { new: { sync_id: string; org_id: string } };

test('token refreshed mid-subscription: the channel now reads as the new user, RLS follows the token', async () => {
  let token = userToken;
  const client = createClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, env.anonKey, { accessToken: async () => token });
  clients.push(client);
  const seen: Insert[] = [];
  const channel = client.channel('refresh', { config: { broadcast: { ack: true } } })
    .on('postgres_changes', { event: 'INSERT', schema: 'public', table: 'sync_progress' }, (p) => seen.push(p as unknown as Insert));
  await subscribed(channel);
  const before = `refresh-a-${Date.now()}`;
  await insertSync(userToken, env.orgId, before);
  await until('the first user\'s own row', () => seen.find((c) => c.new.sync_id === before));

  // supabase-js asks accessToken() again on setAuth() (and on every heartbeat) and sends access_token to the channel.
  token = env.otherToken;
  await client.realtime.setAuth();
  // The server handles a socket's frames in order: once this acknowledged broadcast is back, the refresh was applied.
  assert.equal(await channel.send({ type: 'broadcast', event: 'sync', payload: {} }), 'ok');

  const afterA = `refresh-a2-${Date.now()}`;
  const afterB = `refresh-b-${Date.now()}`;
  await insertSync(userToken, env.orgId, afterA);
  await insertSync(env.otherToken, env.otherOrgId, afterB);
  await until('the new user\'s row', () => seen.find((c) => c.new.sync_id === afterB));
  assert.equal(seen.find((c) => c.new.sync_id === afterA), undefined, 'the old user\'s organisation is no longer delivered');
});

test('a forged token on refresh closes the channel, as Supabase does', async () => {
  let token = userToken;
  const client = createClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, env.anonKey, { accessToken: async () => token });
  clients.push(client);
  const channel = client.channel('forged')
    .on('postgres_changes', { event: 'INSERT', schema: 'public', table: 'sync_progress' }, () => {});
  await subscribed(channel);

  token = 'not-a-jwt';
  await client.realtime.setAuth();

  await until(() => `the channel to close (state ${channel.state})`, () => (channel.state === 'closed' ? true : undefined));
});
