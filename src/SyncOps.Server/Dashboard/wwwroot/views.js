// Rendering: each function takes data and returns HTML (values escaped), so app.js stays about data flow.
"use strict";
(function (S) {
  const id = (s) => `${s.org_id}/${s.sync_id}`;
  const link = (s) => `<a class="sync-id" href="#/sync/${encodeURIComponent(s.org_id)}/${encodeURIComponent(s.sync_id)}">${S.esc(s.sync_id)}</a>`;
  const bar = (s) => {
    const p = S.percent(s);
    return `<span class="bar ${S.esc(s.status)}" role="progressbar" aria-valuemin="0" aria-valuemax="100" aria-valuenow="${p}" aria-label="${S.esc(s.entity_type)} sync progress"><span style="width:${p}%"></span></span> <span class="pct" data-field="percent">${p} %</span>`;
  };

  S.activeTable = (syncs, canCancel) => {
    if (syncs.length === 0) return `<p class="muted">No syncs.</p>`;
    const rows = syncs.map((s) => {
      const st = S.state(s);
      return `<tr data-sync="${S.esc(id(s))}" data-status="${S.esc(s.status)}">
        <td>${S.esc(s.entity_type)}</td><td>${S.esc(s.source_system)}</td><td>${link(s)}<br><span class="muted">${S.esc(s.org_id)}</span></td>
        <td>${bar(s)}</td>
        <td class="num" data-field="counts">${S.num(s.processed_count)} / <span class="${s.failed_count ? "error" : ""}">${S.num(s.failed_count)}</span> / ${S.num(s.total_items)}</td>
        <td class="num">${S.num(s.speed_items_per_min)}</td>
        <td class="num" data-field="eta">${s.status === "running" && st.cls !== "stalled" ? S.duration(s.eta_seconds) : "–"}</td>
        <td class="num">${S.duration(S.elapsed(s))}</td>
        <td class="state ${st.cls}" data-field="state">${S.esc(st.text)}</td>
        <td>${canCancel && s.status === "running" ? `<button type="button" class="cancel" data-cancel="${S.esc(id(s))}">Cancel</button>` : ""}</td>
      </tr>`;
    }).join("");
    return `<table><thead><tr><th>Entity</th><th>Source</th><th>Sync</th><th>Progress</th><th>Processed / failed / total</th>
      <th>Items/min</th><th>ETA</th><th>Elapsed</th><th>State</th><th><span class="visually-hidden">Actions</span></th></tr></thead><tbody>${rows}</tbody></table>`;
  };

  S.historyTable = (syncs) => {
    if (syncs.length === 0) return `<p class="muted">No syncs match.</p>`;
    return `<table><thead><tr><th>Sync</th><th>Entity</th><th>Source</th><th>Status</th><th>Started</th><th>Duration</th>
      <th>Processed</th><th>Failed</th><th>Total</th><th>User</th></tr></thead><tbody>${syncs.map((s) => `<tr data-sync="${S.esc(id(s))}">
      <td>${link(s)}</td><td>${S.esc(s.entity_type)}</td><td>${S.esc(s.source_system)}</td><td>${S.esc(s.status)}</td>
      <td>${S.time(s.started_at)}</td><td class="num">${S.duration(S.elapsed(s))}</td><td class="num">${S.num(s.processed_count)}</td>
      <td class="num">${S.num(s.failed_count)}</td><td class="num">${S.num(s.total_items)}</td>
      <td>${S.esc(s.initiated_by_email || s.initiated_by || "")}</td></tr>`).join("")}</tbody></table>`;
  };

  S.detail = (d) => {
    const s = d.sync;
    const st = S.state(s);
    return `<div class="cards">
        <div class="card">Status<b data-field="status">${S.esc(s.status)}</b></div>
        <div class="card">Progress<b>${S.percent(s)} %</b></div>
        <div class="card">Processed<b>${S.num(s.processed_count)}</b></div>
        <div class="card">Failed<b>${S.num(s.failed_count)}</b></div>
        <div class="card">Total<b>${S.num(s.total_items)}</b></div>
        <div class="card">Items/min<b>${S.num(s.speed_items_per_min)}</b></div>
        <div class="card">Elapsed<b>${S.duration(S.elapsed(s))}</b></div>
      </div>
      <p>${S.esc(s.entity_type)} from ${S.esc(s.source_system)}, organisation ${S.esc(s.org_id)}, started ${S.time(s.started_at)}
        by ${S.esc(s.initiated_by_email || s.initiated_by || "unknown")}. <span class="state ${st.cls}">${S.esc(st.text)}</span></p>
      <div class="chart" id="chart-progress"></div>
      <div class="chart" id="chart-eta"></div>
      <h3>Item errors (${S.num(d.error_count)})</h3>
      ${d.errors.length === 0 ? `<p class="muted">None.</p>` : `<table id="item-errors"><thead><tr><th>Item</th><th>Error</th><th>At</th></tr></thead><tbody>
        ${d.errors.map((e) => `<tr><td>${S.esc(e.external_id)}</td><td class="error">${S.esc(e.error_message)}</td><td>${S.time(e.created_at)}</td></tr>`).join("")}</tbody></table>`}
      <h3>Activity log</h3>
      ${d.log.length === 0 ? `<p class="muted">No entries yet (the log gets one when the sync ends).</p>` : `<table><thead><tr><th>At</th><th>Action</th><th>Status</th><th>Records</th><th>Failed</th><th>Duration</th><th>Error</th></tr></thead><tbody>
        ${d.log.map((l) => `<tr><td>${S.time(l.created_at)}</td><td>${S.esc(l.action)}</td><td>${S.esc(l.status)}</td><td class="num">${S.num(l.record_count)}</td>
          <td class="num">${S.num(l.failed_count)}</td><td class="num">${S.duration(l.duration_seconds)}</td><td>${S.esc(l.error_message)}</td></tr>`).join("")}</tbody></table>`}`;
  };

  // A horizontal bar chart in plain SVG: average duration per entity, the longest as a thin marker.
  S.trendsChart = (rows) => {
    if (rows.length === 0) return `<p class="muted">No completed syncs in the period.</p>`;
    const max = Math.max(...rows.map((r) => Number(r.max_duration_sec) || 0), 1);
    const h = 28, w = 760, left = 260;
    const bars = rows.map((r, i) => {
      const y = i * h + 4, avg = Number(r.avg_duration_sec) || 0, mx = Number(r.max_duration_sec) || 0;
      return `<text x="0" y="${y + 15}">${S.esc(r.org_id)} · ${S.esc(r.entity_type)}</text>
        <rect x="${left}" y="${y}" width="${(avg / max) * (w - left - 160)}" height="18" fill="#2457c5"><title>average ${avg} s</title></rect>
        <rect x="${left + (mx / max) * (w - left - 160)}" y="${y}" width="3" height="18" fill="#b42318"><title>longest ${mx} s</title></rect>
        <text x="${left + (mx / max) * (w - left - 160) + 8}" y="${y + 15}">${avg < 10 ? avg.toFixed(2) + " s" : S.duration(avg)} avg</text>`;
    }).join("");
    return `<svg role="img" aria-label="Average sync duration per entity" width="${w}" height="${rows.length * h + 8}">${bars}</svg>`;
  };

  S.table = (rows, columns) => rows.length === 0 ? `<p class="muted">None.</p>` :
    `<table><thead><tr>${columns.map((c) => `<th>${S.esc(c)}</th>`).join("")}</tr></thead><tbody>${rows.map((r) =>
      `<tr>${columns.map((c) => `<td>${S.esc(r[c])}</td>`).join("")}</tr>`).join("")}</tbody></table>`;

  // A table whose headers sort it (click again to reverse): S.tables keeps each table's rows and order.
  S.tables = {};
  S.sortTable = (id, rows, columns, sort) => {
    const state = (S.tables[id] = { rows, columns, sort: sort || S.tables[id]?.sort || null });
    if (rows.length === 0) return `<p class="muted">None.</p>`;
    const sorted = [...rows];
    if (state.sort) {
      const { key, dir } = state.sort;
      const column = columns.find((c) => c.key === key);
      const value = (r) => (column.type === "text" ? String(r[key] ?? "") : r[key] === null || r[key] === undefined ? -Infinity : Number(column.type === "time" ? new Date(r[key]).getTime() : r[key]));
      sorted.sort((a, b) => (value(a) < value(b) ? -dir : value(a) > value(b) ? dir : 0));
    }
    const cell = (r, c) => {
      const v = r[c.key];
      if (c.key === "sync_id") return `<td>${link(r)}</td>`;
      if (c.type === "duration") return `<td class="num">${S.duration(v)}</td>`;
      if (c.type === "time") return `<td class="num">${S.time(v)}</td>`;
      if (c.type === "num") return `<td class="num">${S.num(v)}</td>`;
      return `<td>${S.esc(v)}</td>`;
    };
    const header = (c) => {
      const active = state.sort && state.sort.key === c.key;
      const aria = active ? (state.sort.dir > 0 ? "ascending" : "descending") : "none";
      return `<th aria-sort="${aria}" class="${c.type && c.type !== "text" ? "num" : ""}"><button type="button" class="sort" data-table="${S.esc(id)}" data-sort="${S.esc(c.key)}">${S.esc(c.label)}${active ? (state.sort.dir > 0 ? " ▲" : " ▼") : ""}</button></th>`;
    };
    return `<table data-table="${S.esc(id)}"><thead><tr>${columns.map(header).join("")}</tr></thead><tbody>${sorted.map((r) =>
      `<tr>${columns.map((c) => cell(r, c)).join("")}</tr>`).join("")}</tbody></table>`;
  };

  S.schedulesTable = (rows) => {
    if (rows.length === 0) return `<p class="muted">No schedules. Add one with <code>./syncops schedule add --org ORG --connection ID --entity customer --every 15m</code>.</p>`;
    const rule = (r) => (r.every_seconds ? `every ${S.duration(r.every_seconds)}` : `${r.cron} (${r.time_zone})`);
    const result = (r) => {
      if (r.last_error) return `<span class="error">${S.esc(r.last_error)}</span>`;
      if (!r.last_job_status) return `<span class="muted">not run yet</span>`;
      const status = r.last_job_status.replace(/_/g, " ");
      const sync = r.last_sync_id ? ` <a class="sync-id" href="#/sync/${encodeURIComponent(r.org_id)}/${encodeURIComponent(r.last_sync_id)}">${S.esc(r.last_sync_id)}</a>` : "";
      return `<span class="${["failed", "cancelled"].includes(r.last_job_status) ? "error" : ""}">${S.esc(status)}</span>${sync}${r.last_job_error ? `<br><span class="error">${S.esc(r.last_job_error)}</span>` : ""}`;
    };
    return `<table id="schedules-table"><thead><tr><th>Connection</th><th>Entity</th><th>Runs</th><th>Full scan</th><th>Next run</th>
      <th>Last run</th><th>Last result</th><th>State</th><th><span class="visually-hidden">Actions</span></th></tr></thead><tbody>${rows.map((r) =>
      `<tr data-schedule="${S.esc(r.id)}"><td>${S.esc(r.connection_name)} <span class="muted">(${S.esc(r.source_system)}, ${S.esc(r.org_id)})</span></td>
        <td>${S.esc(r.entity_type)}</td><td>${S.esc(rule(r))}</td><td>${S.esc(r.full_scan_cron || "–")}</td>
        <td class="num" data-field="next-run">${r.paused ? "paused" : r.next_run_at ? S.time(r.next_run_at) : "being planned"}</td>
        <td class="num">${S.time(r.last_run_at)}</td><td>${result(r)}</td>
        <td data-field="paused">${r.paused ? "paused" : "active"}</td>
        <td><button type="button" class="cancel" data-schedule-action="${r.paused ? "resume" : "pause"}" data-org="${S.esc(r.org_id)}" data-id="${S.esc(r.id)}">${r.paused ? "Resume" : "Pause"}</button></td></tr>`).join("")}</tbody></table>`;
  };

  // The alert log: each message once, with its attempts; a failed or still-pending one says why.
  S.alertLog = (rows) => rows.length === 0 ? `<p class="muted">No alerts sent yet.</p>` :
    `<table id="alert-log-table"><thead><tr><th>At</th><th>Kind</th><th>Condition</th><th>Subject</th><th>Message</th><th>Channel</th>
      <th>Status</th><th>Attempts</th><th>Last error</th></tr></thead><tbody>${rows.map((d) => `<tr data-delivery="${S.esc(d.id)}">
      <td>${S.time(d.created_at)}</td><td>${S.esc(d.kind)}</td><td>${S.esc(d.condition || "")}</td><td>${S.esc(d.subject || "")}</td>
      <td>${S.esc(d.message)}</td><td>${S.esc(d.channel)}</td>
      <td class="${d.status === "delivered" ? "" : "error"}">${S.esc(d.status)}</td><td class="num">${S.num(d.attempts)}</td>
      <td>${S.esc(d.last_error || "")}</td></tr>`).join("")}</tbody></table>`;

  S.preview = (p) => `<div class="cards" id="preview-summary">
      <div class="card">To create<b data-field="to_create">${S.num(p.to_create)}</b></div>
      <div class="card">To update<b data-field="to_update">${S.num(p.to_update)}</b></div>
      <div class="card">Unchanged<b>${S.num(p.unchanged)}</b></div>
      <div class="card">Failed<b>${S.num(p.failed)}</b></div></div>
    <p>Samples to create: ${S.esc(p.sample_create.join(", ") || "none")}; to update: ${S.esc(p.sample_update.join(", ") || "none")}.
      Preview ${S.esc(p.cache_key)} expires ${S.time(p.expires_at)}.</p>
    <button type="button" id="apply" data-org="${S.esc(p.org_id)}" data-key="${S.esc(p.cache_key)}">Apply this delta</button>
    <p id="apply-result" role="status"></p>`;
})(window.SyncOps);
