// Realtime over a subscription's life, with realtime-js as supabase-js 2.49 ships it (2.11): a token refreshed
// mid-subscription changes who the subscription is, a bad one closes it, and the client's own recovery (heartbeat
// timeout, reconnect after the server restarts) brings the channel back to receiving changes.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createClient, type RealtimeChannel, type SupabaseClient } from '@supabase/supabase-js';
import { env, clientWithToken } from '../guide/client';

const userToken = process.env.SYNCOPS_USER_TOKEN!;
const clients: SupabaseClient[] = [];
const servers: ChildProcess[] = [];

after(async () => {
  for (const client of clients) await client.removeAllChannels();
  for (const server of servers) server.kill('SIGKILL');
});

function subscribed(channel: RealtimeChannel): Promise<void> {
  return new Promise((resolve, reject) => {
    channel.subscribe((status, error) => {
      if (status === 'SUBSCRIBED') resolve();
      else if (status === 'CHANNEL_ERROR' || status === 'TIMED_OUT') reject(error ?? new Error(status));
    });
  });
}

async function until<T>(what: string | (() => string), check: () => T | undefined, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${typeof what === 'string' ? what : what()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

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

/** A second `syncops serve` over the test database, on its own port, that this test may stop, pause and restart. */
async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const port = (probe.address() as { port: number }).port;
      probe.close(() => resolve(port));
    });
  });
}

async function serve(url: string): Promise<ChildProcess> {
  const syncops = fileURLToPath(new URL('../../syncops', import.meta.url));
  const server = spawn(syncops, ['serve', '--urls', url], { stdio: 'ignore', env: process.env });
  servers.push(server);
  const end = Date.now() + 60_000;
  for (;;) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) return server;
    } catch {
      // not listening yet
    }
    if (Date.now() > end) throw new Error('the second server did not start');
    await new Promise((r) => setTimeout(r, 200));
  }
}

test('heartbeat timeout and server restart: realtime-js reconnects, rejoins, and changes flow again', async () => {
  const url = `http://127.0.0.1:${await freePort()}`;
  let server = await serve(url);
  const client = createClient(url, env.anonKey, {
    accessToken: async () => userToken,
    realtime: { heartbeatIntervalMs: 500, reconnectAfterMs: () => 200 },
  });
  clients.push(client);
  const heartbeats: string[] = [];
  client.realtime.onHeartbeat((status: string) => heartbeats.push(status));
  const seen: Insert[] = [];
  const channel = client.channel('restart')
    .on('postgres_changes', { event: 'INSERT', schema: 'public', table: 'sync_progress', filter: `org_id=eq.${env.orgId}` },
      (p) => seen.push(p as unknown as Insert));
  await subscribed(channel);
  await until('a heartbeat answered', () => (heartbeats.includes('ok') ? true : undefined));

  // A server that stops answering (paused): the client notices by its heartbeat going unanswered.
  server.kill('SIGSTOP');
  await until(() => `a heartbeat timeout (got ${heartbeats.join(',')})`, () => (heartbeats.includes('timeout') ? true : undefined));
  server.kill('SIGCONT');
  const paused = `paused-${Date.now()}`;
  await until('the channel to rejoin after the pause', () => (channel.state === 'joined' ? true : undefined));
  await insertSync(userToken, env.orgId, paused);
  await until('a change after the pause', () => seen.find((c) => c.new.sync_id === paused));

  // A server that goes away and comes back on the same address.
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
  await until(() => `the channel to notice (state ${channel.state})`, () => (channel.state !== 'joined' ? true : undefined));
  server = await serve(url);
  await until('the channel to rejoin after the restart', () => (channel.state === 'joined' ? true : undefined));
  const restarted = `restarted-${Date.now()}`;
  await insertSync(userToken, env.orgId, restarted);
  await until('a change after the restart', () => seen.find((c) => c.new.sync_id === restarted));
});
