// The guide's `@/lib/supabase` for the browser: `createClient(NEXT_PUBLIC_SUPABASE_URL, NEXT_PUBLIC_SUPABASE_ANON_KEY)`
// for a signed-in user. The page that hosts the component (tests/react-dashboard.test.ts) puts the URL, the anon key and
// the user's access token on `window.SYNCOPS_ENV`; `accessToken` hands that token to both the REST and the Realtime
// client, which is how supabase-js takes a token it did not issue itself.
import { createClient } from '@supabase/supabase-js';

declare global {
  interface Window {
    SYNCOPS_ENV: { url: string; anonKey: string; token: string; orgId: string; otherOrgId: string; variant: string };
  }
}

const env = window.SYNCOPS_ENV;

export const supabase = createClient(env.url, env.anonKey, { accessToken: async () => env.token });
