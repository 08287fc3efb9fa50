// supabase-js realtime clients for the dashboard bench (RealtimeClients.cs starts this): each client is its own
// createClient with its own WebSocket and user token, subscribed as a dashboard would be to its organisation's
// sync_progress UPDATEs. Prints "ready" once every channel is SUBSCRIBED, then, when stdin closes, one JSON line:
// {updates, ages, cpuSeconds} (the clients' own CPU while measured) where an age is callback time minus the row's updated_at (set in the writing transaction).
'use strict';
const path = require('node:path');
const [compat, url, anonKey, org, ...tokens] = process.argv.slice(2);
const { createClient } = require(path.join(compat, 'node_modules', '@supabase', 'supabase-js'));

const ages = [];
let updates = 0;
let cpuAtReady = process.cpuUsage();
const now = () => performance.timeOrigin + performance.now();
// PostgreSQL's text form "2026-12-03 13:45:00.123456+00" as realtime-js passes it on; Date.parse wants "+00:00".
const parse = (text) => Date.parse(text.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00'));

const clients = tokens.map((token) => createClient(url, anonKey, { accessToken: async () => token }));
Promise.all(clients.map((client, i) => new Promise((resolve, reject) => {
  client.channel('syncs')
    .on('postgres_changes', { event: 'UPDATE', schema: 'public', table: 'sync_progress', filter: `org_id=eq.${org}` },
      (payload) => { updates++; ages.push(now() - parse(payload.new.updated_at)); })
    .subscribe((status, error) => {
      if (status === 'SUBSCRIBED') resolve();
      else if (status === 'CHANNEL_ERROR' || status === 'TIMED_OUT') reject(new Error(`client ${i}: ${status} ${error ?? ''}`));
    });
}))).then(() => { cpuAtReady = process.cpuUsage(); console.log('ready'); }, (error) => { console.error(error.message); process.exit(1); });

process.stdin.resume();
process.stdin.on('end', async () => {
  await Promise.all(clients.map((client) => client.removeAllChannels()));
  // Exit only once the line is written: a pipe is written asynchronously, and process.exit would cut it at 64 KiB.
  const cpu = process.cpuUsage(cpuAtReady);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  process.stdout.write(JSON.stringify({ updates, ages, cpuSeconds }) + '\n', () => process.exit(0));
});
