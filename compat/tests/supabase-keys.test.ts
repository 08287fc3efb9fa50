// A project that moved to asymmetric signing keys: Supabase Auth signs ES256 and publishes the public key at
// /auth/v1/.well-known/jwks.json. This test plays Supabase Auth (key, JWKS document, tokens); the second server that
// run-tests starts checks the tokens against that JWKS (SYNCOPS_JWKS_URL).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { generateKeyPairSync, sign, randomUUID, type KeyObject } from 'node:crypto';
import { createClient } from '@supabase/supabase-js';
import { env } from '../guide/client';

const serverUrl = process.env.SYNCOPS_JWKS_SERVER_URL!;
const kid = `es-${randomUUID()}`;
const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
let jwks: Server;

before(async () => {
  const document = JSON.stringify({ keys: [{ ...publicKey.export({ format: 'jwk' }), kid, alg: 'ES256', use: 'sig' }] });
  jwks = createServer((_, response) => response.writeHead(200, { 'content-type': 'application/json' }).end(document));
  await new Promise<void>((resolve) => jwks.listen(Number(process.env.SYNCOPS_TEST_JWKS_PORT), '127.0.0.1', resolve));
});
after(() => jwks.close());

/** An ES256 JWT as Supabase Auth issues them: kid in the header, GoTrue's claims, a P-256 signature (r||s). */
function es256(key: KeyObject, keyId: string) {
  const now = Math.floor(Date.now() / 1000);
  const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const head = b64({ alg: 'ES256', typ: 'JWT', kid: keyId });
  const body = b64({
    iss: `${serverUrl}/auth/v1`, sub: env.userId, aud: 'authenticated', exp: now + 600, iat: now, email: 'a@example.com',
    phone: '', app_metadata: { provider: 'email', providers: ['email'] }, user_metadata: {}, role: 'authenticated',
    aal: 'aal1', amr: [{ method: 'password', timestamp: now }], session_id: randomUUID(), is_anonymous: false,
  });
  const signature = sign('sha256', Buffer.from(`${head}.${body}`), { key, dsaEncoding: 'ieee-p1363' }).toString('base64url');
  return `${head}.${body}.${signature}`;
}

const clientFor = (token: string) =>
  createClient(serverUrl, env.anonKey, { global: { headers: { Authorization: `Bearer ${token}` } } });

test('an ES256 token checked against the JWKS reads its organisation, as with Supabase Auth', async () => {
  const { data, error } = await clientFor(es256(privateKey, kid)).from('organizations').select('org_id');
  assert.equal(error, null);
  assert.deepEqual(data, [{ org_id: env.orgId }]);
});

test('an ES256 token with a kid the JWKS does not have is refused with PGRST301', async () => {
  const stranger = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
  const { data, error, status } = await clientFor(es256(stranger, 'not-published')).from('organizations').select('org_id');
  assert.equal(data, null);
  assert.equal(status, 401);
  assert.equal(error?.code, 'PGRST301');
});

test('on a server using Supabase Auth, SyncOps\' own /auth/v1 is off', async () => {
  const { error } = await createClient(serverUrl, env.anonKey, { auth: { persistSession: false } })
    .auth.signInWithPassword({ email: process.env.SYNCOPS_USER_EMAIL!, password: process.env.SYNCOPS_USER_PASSWORD! });
  assert.equal(error?.status, 404);
});
