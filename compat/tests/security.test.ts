import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { clientWithToken, env, supabase } from '../guide/client';
import { startSync } from '../guide/quick-reference';

const base64url = (s: string) => Buffer.from(s).toString('base64url');
function sign(claims: object, secret: string, alg = 'HS256') {
  const head = base64url(JSON.stringify({ alg, typ: 'JWT' }));
  const body = base64url(JSON.stringify(claims));
  const signature = createHmac('sha256', secret).update(`${head}.${body}`).digest('base64url');
  return `${head}.${body}.${signature}`;
}
const secret = readFileSync(join(process.env.SYNCOPS_DATA_DIR!, 'jwt-secret'), 'utf8').trim();
const now = Math.floor(Date.now() / 1000);
const intruders = {
  'the other organisation\'s user': env.otherToken,
  'the anon key': env.anonKey,
};

for (const [who, token] of Object.entries(intruders)) {
  test(`${who} can neither read nor change nor add rows of this organisation`, async () => {
    const syncId = await startSync(env.orgId, env.userId);
    const client = clientWithToken(token);
    const read = await client.from('sync_progress').select('*').eq('sync_id', syncId);
    assert.deepEqual(read.data, [], 'rows of another organisation are filtered out');
    const update = await client.from('sync_progress').update({ processed_count: 1 }).eq('sync_id', syncId).select().single();
    assert.equal(update.error?.code, 'PGRST116', 'the update matched no row');
    const del = await client.from('sync_progress').delete().eq('sync_id', syncId).select();
    assert.deepEqual(del.data ?? [], []);
    const insert = await client.from('sync_progress').insert({ org_id: env.orgId, sync_id: `x-${syncId}`, entity_type: 'customer', total_items: 1 });
    assert.equal(insert.error?.code, '42501');
    assert.equal(insert.status, token === env.anonKey ? 401 : 403);
    const row = await supabase.from('sync_progress').select('processed_count').eq('sync_id', syncId).single();
    assert.equal(row.data?.processed_count, 0, 'the row is untouched');
  });
}

test('a forged token (wrong secret), alg none and an expired token are rejected with 401', async () => {
  const claims = { sub: env.userId, role: 'authenticated', aud: 'authenticated', exp: now + 3600 };
  const forged = await clientWithToken(sign(claims, 'not-the-secret-not-the-secret-123')).from('sync_progress').select('*');
  assert.equal(forged.status, 401);
  assert.equal(forged.error?.code, 'PGRST301');
  const none = `${base64url(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${base64url(JSON.stringify(claims))}.`;
  const unsigned = await clientWithToken(none).from('sync_progress').select('*');
  assert.equal(unsigned.status, 401);
  const expired = await clientWithToken(sign({ ...claims, exp: now - 3600 }, secret)).from('sync_progress').select('*');
  assert.equal(expired.status, 401);
  assert.equal(expired.error?.code, 'PGRST303');
  assert.equal(expired.error?.message, 'JWT expired');
});

test('the service_role key bypasses RLS (as on Supabase) and sees every organisation', async () => {
  const syncId = await startSync(env.orgId, env.userId);
  const service = clientWithToken(env.serviceRoleKey);
  const { data, error } = await service.from('sync_progress').select('org_id').eq('sync_id', syncId).single();
  assert.equal(error, null);
  assert.equal(data?.org_id, env.orgId);
});

test('count: exact with head: true reads the total from Content-Range', async () => {
  await startSync(env.orgId, env.userId);
  const { count, error, data } = await supabase.from('sync_progress').select('*', { count: 'exact', head: true }).eq('org_id', env.orgId);
  assert.equal(error, null);
  assert.equal(data, null);
  assert.ok((count ?? 0) >= 1);
});
