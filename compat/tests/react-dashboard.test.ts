// The guide's React component `SyncProgressDashboard`, rendered with real React 19 in real Chromium (Debian's, driven
// by playwright-core) against SyncOps: once as the guide writes it (polling every 2 s) and once with a Supabase
// Realtime subscription in place of the interval (react/SyncProgressDashboardRealtime.tsx). The page shows the signed-in
// user's organisation and, beside it, another organisation whose sync row-level security must keep out of sight.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { env, clientWithToken } from '../guide/client';

const react = fileURLToPath(new URL('../react/', import.meta.url));
const service = clientWithToken(env.serviceRoleKey);
let browser: Browser;
let server: Server;
let pageUrl: string;

before(async () => {
  const bundle = await build({
    entryPoints: [`${react}main.tsx`],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    jsx: 'automatic',
    alias: { '@/lib/supabase': `${react}lib/supabase.ts` },
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
  const script = bundle.outputFiles[0].text;
  server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://page');
    if (url.pathname === '/app.js') {
      response.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
      return;
    }
    const pageEnv = {
      url: process.env.NEXT_PUBLIC_SUPABASE_URL, anonKey: env.anonKey, token: process.env.SYNCOPS_USER_TOKEN,
      orgId: env.orgId, otherOrgId: env.otherOrgId, variant: url.searchParams.get('variant'),
    };
    response.writeHead(200, { 'content-type': 'text/html' }).end(
      `<!doctype html><html><body><div id="mine"></div><div id="theirs"></div>` +
      `<script>window.SYNCOPS_ENV = ${JSON.stringify(pageEnv)};</script><script src="/app.js"></script></body></html>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  pageUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

async function insertSync(orgId: string, syncId: string, entityType: string, total: number) {
  const { error } = await service.from('sync_progress')
    .insert({ org_id: orgId, sync_id: syncId, entity_type: entityType, source_system: 'woocommerce', total_items: total });
  assert.equal(error, null);
}

async function report(orgId: string, syncId: string, processed: number) {
  const { error } = await service.from('sync_progress')
    .update({ processed_count: processed }).eq('org_id', orgId).eq('sync_id', syncId);
  assert.equal(error, null);
}

// The organisation's other tests leave syncs of their own running: this test reads only its own card, found by the
// header the guide's SyncCard writes ("<ENTITY_TYPE> Sync"), with an entity type no other sync has.
function card(header: string): string {
  return `[...document.querySelectorAll('#mine h3')].find((h) => h.textContent === ${JSON.stringify(header)})?.parentElement ?? null`;
}

async function cardShows(page: Page, header: string, text: string | null) {
  const shows = text === null ? 'found === null' : `found !== null && found.innerText.includes(${JSON.stringify(text)})`;
  await page.waitForFunction(`(() => { const found = ${card(header)}; return ${shows}; })()`, undefined, { timeout: 10_000 });
}

for (const variant of ['polling', 'realtime']) {
  test(`SyncProgressDashboard (${variant}): a sync goes 0 -> 100 %, another organisation's sync never shows`, async () => {
    const syncId = `react-${variant}-${Date.now()}`;
    const entityType = `react_${variant}_${Date.now()}`;
    const header = `${entityType.toUpperCase()} Sync`;
    const theirSyncId = `react-theirs-${variant}-${Date.now()}`;
    await insertSync(env.otherOrgId, theirSyncId, 'customers', 777);
    const page = await browser.newPage();
    try {
      await page.goto(`${pageUrl}?variant=${variant}`);
      if (variant === 'realtime') {
        await page.waitForSelector('#mine [data-realtime="SUBSCRIBED"]', { timeout: 10_000 });
      }
      await insertSync(env.orgId, syncId, entityType, 100);
      await cardShows(page, header, '0 / 100');

      const seen: string[] = [];
      for (const processed of [25, 50, 75, 99]) {
        await report(env.orgId, syncId, processed);
        await cardShows(page, header, `${processed} / 100`);
        const width = await page.evaluate(`(${card(header)}).querySelector('.bg-blue-600').style.width`) as string;
        seen.push(width);
        const theirs = await page.$eval('#theirs', (element) => (element as HTMLElement).innerText);
        assert.equal(theirs, 'No active syncs', 'another organisation\'s dashboard stays empty under RLS');
      }
      assert.deepEqual(seen, ['25%', '50%', '75%', '99%']);

      // 100 of 100 completes the sync (the database sets completed_at), and the guide's query lists active syncs
      // only: the card leaves the dashboard instead of showing 100 %.
      await report(env.orgId, syncId, 100);
      await cardShows(page, header, null);
      assert.doesNotMatch(await page.$eval('body', (body) => (body as HTMLElement).innerText), /\/ 777/);
    } finally {
      await page.close();
      await service.from('sync_progress').update({ status: 'cancelled' }).eq('org_id', env.otherOrgId).eq('sync_id', theirSyncId);
    }
  });
}
