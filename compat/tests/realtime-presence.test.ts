// Presence as supabase-js 2.49 (realtime-js 2.11) uses it: channel.track()/untrack(), presenceState(), and the
// sync/join/leave callbacks, across clients on separate sockets of one server.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createClient, type RealtimeChannel, type SupabaseClient } from '@supabase/supabase-js';
import { env } from '../guide/client';
import { subscribed, until } from './realtime-support';

const userToken = process.env.SYNCOPS_USER_TOKEN!;
const clients: SupabaseClient[] = [];

after(async () => {
  for (const client of clients) await client.removeAllChannels();
});

function client(token: string) {
  const created = createClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, env.anonKey, { accessToken: async () => token });
  clients.push(created);
  return created;
}

type Meta = { presence_ref: string; [field: string]: unknown };
type Event = { event: string; key: string; newPresences?: Meta[]; leftPresences?: Meta[] };

/** A channel with a presence key that records its join/leave events and counts its syncs. */
function watched(token: string, topic: string, key: string) {
  const events: Event[] = [];
  let syncs = 0;
  const channel = client(token).channel(topic, { config: { presence: { key } } })
    .on('presence', { event: 'sync' }, () => { syncs++; })
    .on('presence', { event: 'join' }, (e) => events.push({ ...(e as unknown as Event), event: 'join' }))
    .on('presence', { event: 'leave' }, (e) => events.push({ ...(e as unknown as Event), event: 'leave' }));
  return { channel, events, syncs: () => syncs, state: () => channel.presenceState() as unknown as Record<string, Meta[]> };
}

const fields = (metas: Meta[] | undefined) => (metas ?? []).map(({ presence_ref: _ref, ...rest }) => rest);

test('track reaches the other members (join), an update replaces the meta, untrack leaves', async () => {
  const topic = `lobby-${Date.now()}`;
  const ada = watched(userToken, topic, 'ada');
  const bob = watched(env.otherToken, topic, 'bob');
  await subscribed(ada.channel);
  await subscribed(bob.channel);
  await until('the first presence_state', () => (bob.syncs() > 0 ? true : undefined));

  assert.equal(await ada.channel.track({ status: 'online' }), 'ok');
  const joined = await until('bob to see ada join', () => bob.events.find((e) => e.event === 'join' && e.key === 'ada'));
  assert.deepEqual(fields(joined.newPresences), [{ status: 'online' }]);
  assert.deepEqual(fields(bob.state().ada), [{ status: 'online' }]);
  assert.match(bob.state().ada[0].presence_ref, /.+/, 'each meta carries its phx_ref as presence_ref');
  // The tracker is a member too: it sees itself, as with Phoenix Presence.
  await until('ada to see herself', () => ada.state().ada);

  assert.equal(await bob.channel.track({ status: 'busy' }), 'ok');
  await until(() => `ada to see bob (${JSON.stringify(ada.state())})`, () => ada.state().bob);
  assert.deepEqual(Object.keys(ada.state()).sort(), ['ada', 'bob']);

  const firstRef = bob.state().ada[0].presence_ref;
  assert.equal(await ada.channel.track({ status: 'away' }), 'ok');
  await until(() => `the update (${JSON.stringify(bob.state().ada)})`,
    () => (fields(bob.state().ada)[0]?.status === 'away' ? true : undefined));
  assert.deepEqual(fields(bob.state().ada), [{ status: 'away' }], 'an update replaces the meta, it does not add one');
  assert.notEqual(bob.state().ada[0].presence_ref, firstRef);

  assert.equal(await ada.channel.untrack(), 'ok');
  // An update is a leave of the old meta and a join of the new one (Phoenix Presence): the untrack is the last leave.
  await until('bob to see ada leave', () => (bob.state().ada === undefined ? true : undefined));
  const left = bob.events.filter((e) => e.event === 'leave' && e.key === 'ada').at(-1)!;
  assert.deepEqual(fields(left.leftPresences), [{ status: 'away' }]);
  assert.deepEqual(Object.keys(bob.state()), ['bob']);
});

test('a late joiner gets the presence state; two sockets with one key are two metas of that key', async () => {
  const topic = `devices-${Date.now()}`;
  const phone = watched(userToken, topic, 'ada');
  const laptop = watched(userToken, topic, 'ada');
  await subscribed(phone.channel);
  await subscribed(laptop.channel);
  assert.equal(await phone.channel.track({ device: 'phone' }), 'ok');
  assert.equal(await laptop.channel.track({ device: 'laptop' }), 'ok');
  await until('both devices at the laptop', () => (laptop.state().ada?.length === 2 ? true : undefined));

  const late = watched(env.otherToken, topic, 'bob');
  await subscribed(late.channel);
  await until(() => `the state at the late joiner (${JSON.stringify(late.state())})`,
    () => (late.state().ada?.length === 2 ? true : undefined));
  assert.deepEqual(fields(late.state().ada).map((m) => m.device).sort(), ['laptop', 'phone']);
  assert.equal(late.state().bob, undefined, 'joining alone does not track');
});

test('presence leaves when its channel leaves (phx_leave) and when its socket closes', async () => {
  const topic = `leaving-${Date.now()}`;
  const watcher = watched(env.otherToken, topic, 'watcher');
  const leaver = watched(userToken, topic, 'leaver');
  const dropper = client(userToken);
  const dropped = dropper.channel(topic, { config: { presence: { key: 'dropper' } } });
  await subscribed(watcher.channel);
  await subscribed(leaver.channel);
  await subscribed(dropped);
  assert.equal(await leaver.channel.track({ n: 1 }), 'ok');
  assert.equal(await dropped.track({ n: 2 }), 'ok');
  await until('both tracked', () => (watcher.state().leaver && watcher.state().dropper ? true : undefined));

  assert.equal(await leaver.channel.unsubscribe(), 'ok');
  await until('the leaver to leave', () => (watcher.state().leaver === undefined ? true : undefined));

  // The socket goes away without a phx_leave (a closed tab): the server notices the close.
  dropper.realtime.disconnect();
  await until(() => `the dropped socket's presence to leave (${JSON.stringify(watcher.state())})`,
    () => (watcher.state().dropper === undefined ? true : undefined));
  assert.deepEqual(Object.keys(watcher.state()), []);
});
