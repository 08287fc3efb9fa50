import { test } from 'node:test';
import assert from 'node:assert/strict';
import { env, supabase } from '../guide/client';
import { resetSource, source } from '../guide/in-memory-source';
import { syncWooCommerceCustomers } from '../guide/workflow';
import { syncWooCommerceCustomersCorrected } from '../guide/workflow-corrected';

async function progressOf(syncId: string) {
  const { data, error } = await supabase.from('sync_progress').select('*').eq('sync_id', syncId).single();
  assert.equal(error, null);
  return data;
}

test('workflow as written: reading updated.speed_items_per_min off { data, error } throws, and the sync never completes', async () => {
  // What real Supabase does with the guide's code: `updated` is supabase-js's { data, error, ... } wrapper, so
  // `updated.speed_items_per_min.toFixed` throws a TypeError inside the batch's try. The batch catch then counts the
  // whole (successful) batch as failed, the next progress update violates processed + failed <= total, and the
  // progress row is left running with the first batch's counts.
  resetSource(250);
  const result = await syncWooCommerceCustomers(env.orgId, env.userId);
  assert.equal(result.processedCount, 250);
  assert.equal(result.failedCount, 250, 'every batch counted as failed on top of being processed');
  assert.equal(result.status, 'completed_with_errors');
  const row = await progressOf(result.syncId);
  assert.equal(row.status, 'running', 'the later updates were rejected by the check constraint');
  assert.equal(row.processed_count + row.failed_count <= row.total_items, true);
});

test('workflow corrected (updated.data): the sync completes, item errors and completion land in the audit trail', async () => {
  resetSource(250, [17, 140]);
  const result = await syncWooCommerceCustomersCorrected(env.orgId, env.userId);
  assert.deepEqual(
    { processed: result.processedCount, failed: result.failedCount, status: result.status },
    { processed: 248, failed: 2, status: 'completed_with_errors' });
  assert.equal(source.written.length, 248);

  const row = await progressOf(result.syncId);
  assert.equal(row.status, 'completed_with_errors');
  assert.notEqual(row.completed_at, null);
  assert.equal(row.eta_seconds, 0);

  const { data: log, error } = await supabase.from('sync_activity_log').select('*')
    .eq('org_id', env.orgId).eq('sync_id', result.syncId).order('created_at', { ascending: true });
  assert.equal(error, null);
  const itemErrors = log!.filter((a: any) => a.action === 'batch_process');
  assert.equal(itemErrors.length, 2, 'one row per failed customer, written by the guide code');
  assert.match(itemErrors[0].error_message, /customer 17/);
  const completions = log!.filter((a: any) => a.action === 'sync_completed');
  assert.equal(completions.length, 1, 'the trigger logs the completion exactly once');
  assert.equal(completions[0].record_count, 248);
});
