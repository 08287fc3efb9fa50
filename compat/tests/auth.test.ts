// Signing in like Supabase, with the real supabase-js: e-mail and password at /auth/v1, the session refreshed after
// its access token expired, sign-out; and a token signed the way Supabase Auth signs (HS256 with the project's secret).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createClient } from '@supabase/supabase-js';
import { env } from '../guide/client';

const url = process.env.NEXT_PUBLIC_SUPABASE_URL!;
const email = process.env.SYNCOPS_USER_EMAIL!;
const password = process.env.SYNCOPS_USER_PASSWORD!;
// The project's JWT secret, as the embedded default stores it (the legacy HS256 secret of a Supabase project).
const secret = readFileSync(join(process.env.SYNCOPS_DATA_DIR!, 'jwt-secret'), 'utf8').trim();
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A client with no session of its own, as a browser app starts: createClient(url, anonKey). */
const newClient = () => createClient(url, env.anonKey, { auth: { persistSession: false, autoRefreshToken: false } });

test('signInWithPassword, getUser, the guide as that user, refresh after expiry, signOut', async () => {
  const supabase = newClient();
  const { data: signedIn, error } = await supabase.auth.signInWithPassword({ email, password });
  assert.equal(error, null);
  assert.equal(signedIn.user?.id, env.userId);
  assert.equal(signedIn.session?.token_type, 'bearer');

  const { data: me, error: meError } = await supabase.auth.getUser();
  assert.equal(meError, null);
  assert.equal(me.user?.email, email);

  // The guide's startSync and updateSyncProgress, as the signed-in user (RLS: their organisation only).
  const syncId = `sync-auth-${Date.now()}`;
  const inserted = await supabase.from('sync_progress').insert({
    org_id: env.orgId, sync_id: syncId, entity_type: 'products', source_system: 'woocommerce',
    total_items: 10, status: 'running', initiated_by: env.userId,
  });
  assert.equal(inserted.error, null);
  const { data: other } = await supabase.from('sync_progress').select('sync_id').eq('org_id', env.otherOrgId);
  assert.deepEqual(other, []);

  // Past the access token's 3 s life (SYNCOPS_JWT_EXP in run-tests): the next call refreshes the session first.
  const before = (await supabase.auth.getSession()).data.session!;
  await pause((before.expires_at! * 1000 - Date.now()) + 1000);
  const updated = await supabase.from('sync_progress').update({ processed_count: 5 }).eq('org_id', env.orgId)
    .eq('sync_id', syncId).select().single();
  assert.equal(updated.error, null);
  assert.equal(updated.data.processed_count, 5);
  const after = (await supabase.auth.getSession()).data.session!;
  assert.notEqual(after.refresh_token, before.refresh_token, 'the refresh token rotated');
  assert.notEqual(after.access_token, before.access_token);

  // The refresh token already exchanged is refused (and, being reused, ends the session).
  const reuse = await fetch(`${url}/auth/v1/token?grant_type=refresh_token`, {
    method: 'POST', headers: { apikey: env.anonKey, 'content-type': 'application/json' },
    body: JSON.stringify({ refresh_token: before.refresh_token }),
  });
  assert.equal(reuse.status, 400);
  assert.equal((await reuse.json()).error_code, 'refresh_token_already_used');

  const again = newClient();
  await again.auth.signInWithPassword({ email, password });
  const { error: outError } = await again.auth.signOut();
  assert.equal(outError, null);
  const { data: gone } = await again.auth.getSession();
  assert.equal(gone.session, null);
});

test('signInWithPassword with a wrong password: AuthApiError invalid_credentials', async () => {
  const { data, error } = await newClient().auth.signInWithPassword({ email, password: 'not-the-password' });
  assert.equal(data.session, null);
  assert.equal(error?.status, 400);
  assert.equal((error as any)?.code, 'invalid_credentials');
});

test('a token signed as Supabase Auth signs (HS256, GoTrue claims) reads its organisation', async () => {
  const now = Math.floor(Date.now() / 1000);
  const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const header = b64({ alg: 'HS256', typ: 'JWT' });
  const payload = b64({
    iss: `${url}/auth/v1`, sub: env.userId, aud: 'authenticated', exp: now + 600, iat: now, email, phone: '',
    app_metadata: { provider: 'email', providers: ['email'] }, user_metadata: {}, role: 'authenticated',
    aal: 'aal1', amr: [{ method: 'password', timestamp: now }], session_id: randomUUID(), is_anonymous: false,
  });
  const signature = createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url');
  const supabase = createClient(url, env.anonKey, {
    global: { headers: { Authorization: `Bearer ${header}.${payload}.${signature}` } },
  });

  const { data, error } = await supabase.from('organizations').select('org_id');
  assert.equal(error, null);
  assert.deepEqual(data, [{ org_id: env.orgId }]);
});
