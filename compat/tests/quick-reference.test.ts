import { test } from 'node:test';
import assert from 'node:assert/strict';
import { env, supabase } from '../guide/client';
import {
  startSync, updateSyncProgress, getLiveProgress, cachePreviewDelta, getPreviewDelta, hashInputs, setFilterParams,
  getOrgActivity, getFailedSyncs, getUserActivity,
} from '../guide/quick-reference';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('1. startSync inserts a running sync and returns its id', async () => {
  const syncId = await startSync(env.orgId, env.userId);
  assert.match(syncId, /^sync-woo-\d+$/);
  const { data, error } = await supabase.from('sync_progress').select('*').eq('sync_id', syncId).single();
  assert.equal(error, null);
  assert.equal(data.status, 'running');
  assert.equal(data.total_items, 5000);
  assert.equal(data.initiated_by, env.userId);
});

test('2. updateSyncProgress returns the row with the database-calculated fields', async () => {
  const syncId = await startSync(env.orgId, env.userId);
  await pause(300);
  const row = await updateSyncProgress(env.orgId, syncId, 2500, 3);
  assert.equal(row.processed_count, 2500);
  assert.equal(row.current_item, 2503);
  assert.ok(row.speed_items_per_min > 0, 'speed is calculated');
  assert.ok(row.eta_seconds > 0, 'eta is calculated');
  assert.equal(typeof row.elapsed_seconds, 'number');
  assert.equal(row.completed_at, null);

  const done = await updateSyncProgress(env.orgId, syncId, 4997, 3);
  assert.equal(done.status, 'completed_with_errors');
  assert.notEqual(done.completed_at, null, 'completed_at is set when the counts reach the total');
});

test('2. updateSyncProgress on an unknown sync throws PGRST116 (single() needs exactly one row)', async () => {
  await assert.rejects(updateSyncProgress(env.orgId, 'no-such-sync', 1), (e: any) => e.code === 'PGRST116');
});

test('3. getLiveProgress lists only active syncs, newest update first', async () => {
  const first = await startSync(env.orgId, env.userId);
  await pause(5);
  const second = await startSync(env.orgId, env.userId);
  await updateSyncProgress(env.orgId, first, 10);
  const finished = await startSync(env.orgId, env.userId);
  await updateSyncProgress(env.orgId, finished, 5000);

  const live = await getLiveProgress(env.orgId);
  const ids = live.map((s: any) => s.sync_id);
  assert.ok(ids.indexOf(first) < ids.indexOf(second), 'the most recently updated sync comes first');
  assert.ok(!ids.includes(finished), 'a completed sync is not live');
  assert.ok(live.every((s: any) => s.completed_at === null && s.org_id === env.orgId));
});

test('4. cachePreviewDelta then getPreviewDelta round-trips the delta; an unknown key gives null', async () => {
  const since = `${Date.now()}`;
  setFilterParams({ since });
  const delta = { create: [{ id: 1 }], update: [], delete: [{ id: 7, reason: 'gone' }] };
  const rows = await cachePreviewDelta(env.orgId, 'woocommerce', delta, env.userId);
  assert.equal(rows.length, 1);
  assert.equal(rows[0].cache_key, hashInputs({ syncType: 'woocommerce', since }));
  assert.deepEqual(await getPreviewDelta(rows[0].cache_key), delta);
  assert.equal(await getPreviewDelta('no-such-key'), null);
});

test('4. caching the same key again replaces the entry, so the single() read still finds one row', async () => {
  setFilterParams({ since: `replace-${Date.now()}` });
  await cachePreviewDelta(env.orgId, 'odoo', { version: 1 }, env.userId);
  const rows = await cachePreviewDelta(env.orgId, 'odoo', { version: 2 }, env.userId);
  assert.deepEqual(await getPreviewDelta(rows[0].cache_key), { version: 2 });
});

test('5. the audit trail: completion rows from the trigger, failed syncs, activity by user', async () => {
  const ok = await startSync(env.orgId, env.userId);
  await updateSyncProgress(env.orgId, ok, 5000);
  const bad = await startSync(env.orgId, env.userId);
  const { error } = await supabase.from('sync_progress').update({ status: 'failed', error_message: 'store down' })
    .eq('org_id', env.orgId).eq('sync_id', bad);
  assert.equal(error, null);

  const activity = await getOrgActivity(env.orgId);
  assert.equal(activity.filter((a: any) => a.sync_id === ok).length, 1, 'exactly one completion row');
  const failed = await getFailedSyncs(env.orgId);
  assert.ok(failed.some((a: any) => a.sync_id === bad && a.status === 'failed'));
  assert.ok(!failed.some((a: any) => a.sync_id === ok), 'a completed sync is not a failure');
  const mine = await getUserActivity(env.orgId, env.userId);
  assert.ok(mine.length >= 2 && mine.every((a: any) => a.user_id === env.userId));
  const times = activity.map((a: any) => Date.parse(a.created_at));
  assert.deepEqual(times, [...times].sort((x, y) => y - x), 'newest first');
});
