import { test } from 'node:test';
import assert from 'node:assert/strict';
import { env, supabase } from '../guide/client';
import { startSync } from '../guide/quick-reference';
import { syncWithErrorHandling, updateProgressSafely, debugRLS, manualCleanup } from '../guide/error-handling';

test('syncWithErrorHandling for another organisation: RLS filters the rows, no PGRST100 is raised', async () => {
  // The guide expects PGRST100 ("Row-level security error"); PGRST100 is PostgREST's query-string parse error.
  // Real Supabase answers a select on rows the policies hide with 200 and an empty array, so the guide's
  // "Access denied" branch never runs and the caller gets [].
  const { error: seedError } = await supabase.from('sync_progress').select('id').limit(1);
  assert.equal(seedError, null);
  const theirs = await syncWithErrorHandling(env.otherOrgId);
  assert.deepEqual(theirs, []);
  const mine = await syncWithErrorHandling(env.orgId);
  assert.ok(Array.isArray(mine));
});

test('updateProgressSafely rejects counts over the total before calling the API', async () => {
  await assert.rejects(updateProgressSafely(env.orgId, 'any', 6, 5, 10), /Invalid counts: 6 \+ 5 > 10/);
});

test('updateProgressSafely: the database check constraint gives 23514 with "violates check constraint"', async () => {
  const syncId = await startSync(env.orgId, env.userId); // total_items 5000
  await assert.rejects(updateProgressSafely(env.orgId, syncId, 4000, 2000, 10000), (e: any) =>
    e.code === '23514' && e.message.includes('violates check constraint'));
});

test('debugRLS as written: "auth.users_extended" is not a table of the exposed schema, so data is null (PGRST205)', async () => {
  // supabase-js puts the whole string in the path (/rest/v1/auth.users_extended) and asks for schema public;
  // PostgREST (and SyncOps) answer 404 PGRST205. The guide's helper swallows the error and logs undefined.
  assert.equal(await debugRLS(env.userId), null);
  const { error, status } = await supabase.from('auth.users_extended').select('id, org_id').eq('id', env.userId).single();
  assert.equal(status, 404);
  assert.equal(error?.code, 'PGRST205');
});

test('manual cleanup RPC: result.data.deleted_count counts the expired entries it deleted', async () => {
  const hourAgo = Date.now() - 60 * 60 * 1000;
  const { error } = await supabase.from('sync_preview_cache').insert({
    org_id: env.orgId, sync_type: 'woocommerce', cache_key: `expired-${Date.now()}`, delta_json: {},
    created_at: new Date(hourAgo - 60 * 60 * 1000).toISOString(), expires_at: new Date(hourAgo).toISOString(),
  });
  assert.equal(error, null);
  const result = await manualCleanup();
  assert.equal(result.error, null);
  assert.ok(result.data.deleted_count >= 1, `deleted ${result.data.deleted_count}`);
  const again = await manualCleanup();
  assert.equal(again.data.deleted_count, 0);
});
