// The dashboard's data flow: sign-in, hash routes, the live event stream and the actions. Everything is read through
// /api as the signed-in user (the session cookie), so row-level security decides what appears.
"use strict";
(function (S) {
  const $ = (sel) => document.querySelector(sel);
  const syncs = new Map(); // "org/sync" -> row, fed by the snapshot and the live events
  let me = null, source = null, renderQueued = false;

  async function api(path, options = {}) {
    const response = await fetch(path, { credentials: "same-origin", headers: { "Content-Type": "application/json" }, ...options });
    const body = response.status === 204 ? null : await response.json().catch(() => null);
    if (response.status === 401) { signedOut(); throw new Error("signed out"); }
    if (!response.ok) throw new Error((body && body.message) || response.statusText);
    return body;
  }

  function show(view) {
    document.querySelectorAll(".view").forEach((v) => (v.hidden = v.id !== "view-" + view));
    document.querySelectorAll("nav a").forEach((a) => (a.dataset.view === view ? a.setAttribute("aria-current", "page") : a.removeAttribute("aria-current")));
  }

  function signedOut() {
    me = null;
    if (source) { source.close(); source = null; }
    $("#nav").hidden = true; $("#who").hidden = true;
    show("signin");
    fetch("/api/config").then((r) => r.json()).then((c) => ($("#demo-signin").hidden = !c.demo_sign_in)).catch(() => {});
  }

  function signedIn(user) {
    me = user;
    $("#nav").hidden = false; $("#who").hidden = false;
    $("#user-email").textContent = user.email || user.user_id;
    connect();
    route();
  }

  // The live stream. EventSource reconnects by itself; every connection starts with a snapshot, so nothing is missed.
  function connect() {
    if (source) source.close();
    source = new EventSource("/api/live");
    source.onopen = () => setLive("live", "on");
    source.onerror = () => setLive("reconnecting…", "off");
    source.onmessage = (e) => {
      const msg = JSON.parse(e.data);
      if (msg.type === "snapshot") {
        S.clockOffset = new Date(msg.server_time).getTime() - Date.now();
        syncs.clear();
        msg.syncs.forEach((s) => syncs.set(s.org_id + "/" + s.sync_id, s));
      } else if (msg.type === "sync") {
        syncs.set(msg.sync.org_id + "/" + msg.sync.sync_id, msg.sync);
      }
      queueRender();
    };
  }

  function setLive(text, cls) { const el = $("#live-state"); el.textContent = text; el.className = "live " + cls; }

  function queueRender() {
    if (renderQueued) return;
    renderQueued = true;
    requestAnimationFrame(() => { renderQueued = false; renderActive(); });
  }

  function renderActive() {
    if ($("#view-active").hidden) return;
    const all = [...syncs.values()].sort((a, b) => b.started_at.localeCompare(a.started_at));
    $("#active-list").innerHTML = S.activeTable(all.filter((s) => s.status === "running"), true);
    $("#recent-list").innerHTML = S.activeTable(all.filter((s) => s.status !== "running"), false);
    document.dispatchEvent(new CustomEvent("syncops:rendered"));
  }

  async function renderHistory() {
    const form = new FormData($("#history-filters"));
    const query = new URLSearchParams([...form.entries()].filter(([, v]) => v !== ""));
    $("#history-list").innerHTML = S.historyTable(await api("/api/syncs?" + query));
  }

  async function renderDetail(org, sync) {
    $("#detail-title").textContent = "Sync " + sync;
    try {
      const detail = await api(`/api/syncs/${encodeURIComponent(org)}/${encodeURIComponent(sync)}`);
      $("#detail-body").innerHTML = S.detail(detail);
      S.progressChart($("#chart-progress"), detail.samples);
      S.etaChart($("#chart-eta"), detail.sync, detail.samples);
    } catch (e) {
      $("#detail-body").innerHTML = `<p class="error">${S.esc(e.message)}</p>`;
    }
  }

  // The trends page: the period (7/30/90 days) and the measure of the daily chart come from its two selects.
  const TREND_COLUMNS = [
    { key: "org_id", label: "Organisation", type: "text" }, { key: "entity_type", label: "Entity", type: "text" },
    { key: "sync_count", label: "Syncs", type: "num" }, { key: "avg_duration_sec", label: "Average duration", type: "duration" },
    { key: "max_duration_sec", label: "Longest", type: "duration" }, { key: "total_records", label: "Records", type: "num" }];
  const SLOW_COLUMNS = [
    { key: "sync_id", label: "Sync", type: "text" }, { key: "org_id", label: "Organisation", type: "text" },
    { key: "entity_type", label: "Entity", type: "text" }, { key: "source_system", label: "Source", type: "text" },
    { key: "status", label: "Status", type: "text" }, { key: "processed_count", label: "Processed", type: "num" },
    { key: "speed_items_per_min", label: "Items/min", type: "num" }, { key: "elapsed_seconds", label: "Duration", type: "duration" },
    { key: "seconds_per_item", label: "Seconds per item", type: "num" }];
  const FAILED_COLUMNS = [
    { key: "sync_id", label: "Sync", type: "text" }, { key: "org_id", label: "Organisation", type: "text" },
    { key: "entity_type", label: "Entity", type: "text" }, { key: "status", label: "Status", type: "text" },
    { key: "error_count", label: "Errors", type: "num" }, { key: "error_message", label: "Error", type: "text" },
    { key: "last_seen_at", label: "Last seen", type: "time" }];
  let daily = [];

  async function renderTrends() {
    const days = Number($("#trends-days").value);
    $("#trends-title").textContent = `Trends (last ${days} days)`;
    const [t, perDay] = await Promise.all([api(`/api/trends?days=${days}&max_speed=100`), api(`/api/trends/daily?days=${days}`)]);
    daily = perDay;
    renderDaily();
    $("#trends-chart").innerHTML = S.trendsChart(t.trends);
    $("#trends-table").innerHTML = S.sortTable("trends", t.trends, TREND_COLUMNS);
    $("#slow-table").innerHTML = S.sortTable("slow", t.slow, SLOW_COLUMNS);
    $("#failed-table").innerHTML = S.sortTable("failed", t.failed, FAILED_COLUMNS);
  }

  function renderDaily() { S.dailyChart($("#daily-chart"), daily, $("#trends-measure").value, Number($("#trends-days").value)); }

  async function renderSchedules() {
    $("#schedules-list").innerHTML = S.schedulesTable(await api("/api/schedules"));
  }

  async function renderAlerts() {
    const a = await api("/api/alerts");
    $("#alert-incidents").innerHTML = S.table(a.open_incidents, ["org_id", "condition", "subject", "detail", "opened_at"]);
    $("#alert-log").innerHTML = S.alertLog(a.deliveries);
    $("#alert-rules").innerHTML = S.table(a.rules, ["org_id", "id", "condition", "connection_id", "entity_type", "schedule_id", "threshold", "after_seconds", "channel"]);
  }

  async function renderStart() {
    const connections = await api("/api/connections");
    $("#start-connection").innerHTML = connections.length === 0 ? `<option value="">no connections (./syncops connection add)</option>` :
      connections.map((c) => `<option value="${S.esc(c.id)}">${S.esc(c.org_id)} · ${S.esc(c.name)} (${S.esc(c.source_system)})</option>`).join("");
  }

  function route() {
    if (!me) return signedOut();
    const parts = location.hash.replace(/^#\/?/, "").split("/").map(decodeURIComponent);
    const view = parts[0] || "active";
    if (view === "sync" && parts.length >= 3) { show("detail"); renderDetail(parts[1], parts.slice(2).join("/")); return; }
    const known = ["active", "history", "trends", "schedules", "alerts", "start"].includes(view) ? view : "active";
    show(known);
    const load = { active: async () => renderActive(), history: renderHistory, trends: renderTrends, schedules: renderSchedules, alerts: renderAlerts, start: renderStart }[known];
    load().catch((e) => console.error(e));
  }

  document.addEventListener("DOMContentLoaded", () => {
    $("#signin-form").addEventListener("submit", async (e) => {
      e.preventDefault();
      $("#signin-error").textContent = "";
      try {
        signedIn(await api("/api/session", { method: "POST", body: JSON.stringify({ email: $("#email").value, password: $("#password").value }) }));
      } catch (err) { $("#signin-error").textContent = err.message; }
    });
    $("#sign-out").addEventListener("click", async () => { await fetch("/api/session", { method: "DELETE" }); signedOut(); });
    $("#history-filters").addEventListener("submit", (e) => { e.preventDefault(); renderHistory(); });
    $("#trends-days").addEventListener("change", () => renderTrends().catch((e) => console.error(e)));
    $("#trends-measure").addEventListener("change", renderDaily);
    $("#main").addEventListener("click", async (e) => {
      const sort = e.target.closest("[data-sort]");
      if (sort) {
        const table = S.tables[sort.dataset.table];
        const key = sort.dataset.sort;
        const dir = table.sort && table.sort.key === key ? -table.sort.dir : 1;
        sort.closest("table").outerHTML = S.sortTable(sort.dataset.table, table.rows, table.columns, { key, dir });
      }
      const scheduleAction = e.target.closest("[data-schedule-action]");
      if (scheduleAction) {
        scheduleAction.disabled = true;
        const { org, id } = scheduleAction.dataset;
        try { await api(`/api/schedules/${encodeURIComponent(org)}/${encodeURIComponent(id)}/${scheduleAction.dataset.scheduleAction}`, { method: "POST" }); await renderSchedules(); }
        catch (err) { alert(err.message); scheduleAction.disabled = false; }
      }
      const cancel = e.target.closest("[data-cancel]");
      if (cancel) {
        const [org, ...rest] = cancel.dataset.cancel.split("/");
        cancel.disabled = true;
        try { await api(`/api/syncs/${encodeURIComponent(org)}/${encodeURIComponent(rest.join("/"))}/cancel`, { method: "POST" }); }
        catch (err) { alert(err.message); cancel.disabled = false; }
      }
      const apply = e.target.closest("#apply");
      if (apply) {
        apply.disabled = true;
        $("#apply-result").textContent = "applying…";
        try {
          const r = await api("/api/previews/apply", { method: "POST", body: JSON.stringify({ org_id: apply.dataset.org, cache_key: apply.dataset.key }) });
          $("#apply-result").innerHTML = `Applied as <a href="#/sync/${encodeURIComponent(apply.dataset.org)}/${encodeURIComponent(r.sync_id)}">${S.esc(r.sync_id)}</a>: ${S.esc(r.status)}, ${r.created} created, ${r.updated} updated, ${r.failed} failed.`;
        } catch (err) { $("#apply-result").textContent = err.message; apply.disabled = false; }
      }
    });
    $("#start-form").addEventListener("submit", async (e) => {
      e.preventDefault();
      const form = new FormData(e.target);
      const body = JSON.stringify({ connection_id: form.get("connection_id"), entity: form.get("entity"), full: form.get("full") === "on" });
      const action = e.submitter ? e.submitter.value : "start";
      $("#start-message").textContent = action === "preview" ? "previewing…" : "queueing…";
      $("#preview").innerHTML = "";
      try {
        if (action === "preview") {
          const p = await api("/api/previews", { method: "POST", body });
          $("#start-message").textContent = "Preview ready.";
          $("#preview").innerHTML = S.preview(p);
        } else {
          const job = await api("/api/syncs", { method: "POST", body });
          $("#start-message").innerHTML = `Queued as job ${S.esc(job.job_id)}: it appears under <a href="#/active">Active</a> when a worker starts it.`;
        }
      } catch (err) { $("#start-message").textContent = err.message; }
    });
    window.addEventListener("hashchange", route);
    setInterval(queueRender, 1000); // elapsed time and "stalled" states move even when no event arrives
    api("/api/me").then(signedIn).catch(() => {});
  });
})(window.SyncOps);
