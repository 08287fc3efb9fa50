// Issue 13's later PostgREST features as supabase-js users write them, against the product schema: aggregates and
// .explain() (turned on for this server by run-tests, as an operator opts in), planned/estimated counts, .geojson()
// without PostGIS, stripped nulls. Computed fields, order=rel(col) and params=single-object need a function or a
// foreign key the product schema does not have; the .NET conformance suite covers them on its own schema.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clientWithToken, env, supabase } from '../guide/client';
import { startSync } from '../guide/quick-reference';

async function twoSyncs() {
  const a = await startSync(env.orgId, env.userId);
  await new Promise((resolve) => setTimeout(resolve, 2)); // sync ids are time-based
  const b = await startSync(env.orgId, env.userId);
  return [a, b];
}

test('aggregates: count() and sum() grouped by the other columns, aliased', async () => {
  const ids = await twoSyncs();
  const { data, error } = await supabase.from('sync_progress')
    .select('status, n:count(), items:total_items.sum()').in('sync_id', ids);
  assert.equal(error, null);
  assert.deepEqual(data, [{ status: 'running', n: 2, items: 10000 }]);
});

test('aggregates never count another organisation\'s rows', async () => {
  const ids = await twoSyncs();
  const { data, error } = await clientWithToken(env.otherToken).from('sync_progress').select('count()').in('sync_id', ids);
  assert.equal(error, null);
  assert.deepEqual(data, [{ count: 0 }]);
});

test('count: planned comes from the planner, estimated is exact below max-rows', async () => {
  const ids = await twoSyncs();
  const planned = await supabase.from('sync_progress').select('sync_id', { count: 'planned', head: true }).in('sync_id', ids);
  assert.equal(planned.error, null);
  assert.ok(Number.isInteger(planned.count), `planned count ${planned.count}`);
  const estimated = await supabase.from('sync_progress').select('sync_id', { count: 'estimated' }).in('sync_id', ids);
  assert.equal(estimated.error, null);
  assert.equal(estimated.count, 2);
});

test('.explain() answers the plan as text, and as JSON, without rows other policies hid', async () => {
  const [id] = await twoSyncs();
  const text = await supabase.from('sync_progress').select('sync_id').eq('sync_id', id).explain({ analyze: true });
  assert.equal(text.error, null);
  assert.equal(typeof text.data, 'string');
  assert.match(text.data as unknown as string, /^Aggregate/);
  assert.doesNotMatch(text.data as unknown as string, /Rows Removed/);
  const json = await supabase.from('sync_progress').select('sync_id').eq('sync_id', id).explain({ format: 'json' });
  assert.equal(json.error, null);
  assert.equal((json.data as unknown as { Plan: Record<string, unknown> }[])[0].Plan['Node Type'], 'Aggregate');
});

test('.geojson() without PostGIS is 406 PGRST107, as PostgREST answers', async () => {
  const { error, status } = await supabase.from('sync_progress').select('sync_id').limit(1).geojson();
  assert.equal(status, 406);
  assert.equal(error?.code, 'PGRST107');
  assert.equal(error?.message, 'None of these media types are available: application/geo+json');
});

test('nulls=stripped drops null keys', async () => {
  const [id] = await twoSyncs();
  const { data, error } = await supabase.from('sync_progress').select('sync_id, completed_at').eq('sync_id', id)
    .setHeader('Accept', 'application/vnd.pgrst.array+json;nulls=stripped');
  assert.equal(error, null);
  assert.deepEqual(data, [{ sync_id: id }]);
});

test('.explain() of an update answers its plan and changes nothing, even analyzed', async () => {
  const [id] = await twoSyncs();
  const plan = await supabase.from('sync_progress').update({ current_item: 4242 }).eq('sync_id', id)
    .select('sync_id').explain({ analyze: true });
  assert.equal(plan.error, null);
  assert.match(plan.data as unknown as string, /Update on sync_progress/);
  const { data } = await supabase.from('sync_progress').select('current_item').eq('sync_id', id).single();
  assert.notEqual(data?.current_item, 4242);
});

test('nulls=stripped drops null keys from a write\'s representation too', async () => {
  const [id] = await twoSyncs();
  const { data, error } = await supabase.from('sync_progress').update({ current_item: 4243 }).eq('sync_id', id)
    .select('sync_id, current_item, completed_at').setHeader('Accept', 'application/vnd.pgrst.array+json;nulls=stripped');
  assert.equal(error, null);
  assert.deepEqual(data, [{ sync_id: id, current_item: 4243 }]);
});
