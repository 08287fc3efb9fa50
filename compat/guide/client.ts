// The guide's "Environment Setup": `createClient(NEXT_PUBLIC_SUPABASE_URL, NEXT_PUBLIC_SUPABASE_ANON_KEY)`.
// One addition: the guide's code runs for a signed-in user (its RLS policies need one). The user's access token from
// `syncops user add` goes in as the session's Bearer token, which is exactly what supabase-js sends for a signed-in
// session; tests/auth.test.ts signs in with e-mail and password at /auth/v1 instead.
import { createClient } from '@supabase/supabase-js';

export const supabase = createClient(
  process.env.NEXT_PUBLIC_SUPABASE_URL!,
  process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY!,
  { global: { headers: { Authorization: `Bearer ${process.env.SYNCOPS_USER_TOKEN!}` } } }
);

/** A client for a given token (another user, the service key, a forged token). */
export function clientWithToken(token: string | null) {
  return createClient(
    process.env.NEXT_PUBLIC_SUPABASE_URL!,
    process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY!,
    token === null ? {} : { global: { headers: { Authorization: `Bearer ${token}` } } }
  );
}

export const env = {
  userId: process.env.SYNCOPS_USER_ID!,
  orgId: process.env.SYNCOPS_ORG_ID!,
  otherUserId: process.env.SYNCOPS_OTHER_USER_ID!,
  otherOrgId: process.env.SYNCOPS_OTHER_ORG_ID!,
  otherToken: process.env.SYNCOPS_OTHER_USER_TOKEN!,
  serviceRoleKey: process.env.SYNCOPS_SERVICE_ROLE_KEY!,
  anonKey: process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY!,
};
