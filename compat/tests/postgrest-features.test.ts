// PostgREST features beyond the guide, as supabase-js users write them (issue 13), against the product schema.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { env, supabase } from '../guide/client';
import { startSync } from '../guide/quick-reference';

test('select grammar: aliases, casts and JSON paths', async () => {
  const syncId = await startSync(env.orgId, env.userId);
  await supabase.from('sync_progress').update({ metadata: { retry: { attempt: 2 } } }).eq('sync_id', syncId);
  const { data, error } = await supabase.from('sync_progress')
    .select('sync_id, state:status, total:total_items::text, attempt:metadata->retry->>attempt')
    .eq('sync_id', syncId).single();
  assert.equal(error, null);
  assert.deepEqual(Object.keys(data!), ['sync_id', 'state', 'total', 'attempt']);
  assert.equal(data!.total, '5000');
  assert.equal(data!.attempt, '2');
  const byPath = await supabase.from('sync_progress').select('sync_id').eq('metadata->retry->>attempt', '2').eq('sync_id', syncId);
  assert.deepEqual(byPath.data, [{ sync_id: syncId }]);
});

test('an embed without a foreign key is PGRST200, as PostgREST answers it', async () => {
  const { error, status } = await supabase.from('sync_progress').select('sync_id, sync_activity_log(*)');
  assert.equal(status, 400);
  assert.equal(error?.code, 'PGRST200');
  assert.equal(error?.message, "Could not find a relationship between 'sync_progress' and 'sync_activity_log' in the schema cache");
});

test('textSearch with a language, and a range of quantified patterns', async () => {
  const syncId = await startSync(env.orgId, env.userId);
  const found = await supabase.from('sync_progress').select('sync_id')
    .textSearch('entity_type', 'customers', { config: 'english' }).eq('sync_id', syncId);
  assert.deepEqual(found.data, [{ sync_id: syncId }]);
  const like = await supabase.from('sync_progress').select('sync_id').likeAnyOf('entity_type', ['cust%', 'nothing']).eq('sync_id', syncId);
  assert.deepEqual(like.data, [{ sync_id: syncId }]);
});

test('.csv() answers text/csv with a header line', async () => {
  const syncId = await startSync(env.orgId, env.userId);
  const { data, error } = await supabase.from('sync_progress').select('sync_id,total_items').eq('sync_id', syncId).csv();
  assert.equal(error, null);
  assert.equal(data, `sync_id,total_items\n${syncId},5000`);
});

test('.rollback() answers the update but keeps nothing', async () => {
  const syncId = await startSync(env.orgId, env.userId);
  const { data, error } = await supabase.from('sync_progress').update({ processed_count: 7 })
    .eq('sync_id', syncId).select('processed_count').single().rollback();
  assert.equal(error, null);
  assert.equal(data?.processed_count, 7);
  const after = await supabase.from('sync_progress').select('processed_count').eq('sync_id', syncId).single();
  assert.equal(after.data?.processed_count, 0);
});

test('.schema() of a schema not exposed is 406 PGRST106', async () => {
  const { error, status } = await supabase.schema('reports').from('daily').select('*');
  assert.equal(status, 406);
  assert.equal(error?.code, 'PGRST106');
  assert.equal(error?.hint, 'Only the following schemas are exposed: public');
});
