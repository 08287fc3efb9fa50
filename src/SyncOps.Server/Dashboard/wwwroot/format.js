// Formatting and the "why is it slow or waiting" state, shared by the views. No build step: plain browser JS.
"use strict";
window.SyncOps = window.SyncOps || {};
(function (S) {
  const STALLED_AFTER_S = 120; // no report and no heartbeat for this long: stalled
  const QUIET_AFTER_S = 30;    // heartbeats but no items for this long: waiting on the source

  S.esc = (v) => String(v ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
  S.num = (v) => (v === null || v === undefined ? "–" : Number(v).toLocaleString("en-US"));
  S.duration = (s) => {
    if (s === null || s === undefined || isNaN(s)) return "–";
    s = Math.max(0, Math.round(s));
    if (s < 60) return s + " s";
    if (s < 3600) return Math.floor(s / 60) + " min " + (s % 60) + " s";
    return Math.floor(s / 3600) + " h " + Math.floor((s % 3600) / 60) + " min";
  };
  // Axis labels: 950, 12k, 3.4M.
  S.compact = (v) => (v === null || v === undefined ? "" : new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 }).format(v));
  S.time = (t) => (t ? new Date(t).toLocaleString("en-GB") : "–");
  S.percent = (sync) => {
    const done = sync.processed_count + sync.failed_count;
    if (["completed", "completed_with_errors"].includes(sync.status)) return 100;
    return sync.total_items > 0 ? Math.min(100, Math.floor((done * 100) / sync.total_items)) : 0;
  };
  S.now = () => Date.now() + (S.clockOffset || 0); // the server's clock, as measured from the last snapshot
  S.ago = (t) => (t ? (S.now() - new Date(t).getTime()) / 1000 : null);

  // Elapsed ticks in the browser while running, so a sync that reports rarely still shows time passing.
  S.elapsed = (sync) => (sync.status === "running" ? S.ago(sync.started_at) : sync.elapsed_seconds);

  // The state column: what an operator wants to know at a glance.
  S.state = (sync) => {
    if (sync.status !== "running") {
      const cls = ["failed", "timeout", "cancelled"].includes(sync.status) ? "bad" : "";
      return { text: sync.status.replace(/_/g, " ") + (sync.error_message ? ": " + sync.error_message : ""), cls };
    }
    const retry = sync.retry;
    if (retry && retry.next_attempt_at && new Date(retry.next_attempt_at).getTime() > S.now()) {
      const wait = Math.ceil((new Date(retry.next_attempt_at).getTime() - S.now()) / 1000);
      const why = retry.reason || "rate limited";
      return { text: `${why}, retry ${retry.attempt} of ${retry.max_attempts} in ${wait} s`, cls: "limited" };
    }
    const lastSignal = Math.min(...[sync.last_progress_at, sync.heartbeat_at, sync.started_at].filter(Boolean).map(S.ago));
    if (lastSignal >= STALLED_AFTER_S) return { text: `stalled: no report for ${S.duration(lastSignal)}`, cls: "stalled" };
    const sinceItems = S.ago(sync.last_progress_at || sync.started_at);
    if (sinceItems >= QUIET_AFTER_S) return { text: `waiting on the source: no items for ${S.duration(sinceItems)} (alive)`, cls: "limited" };
    if (sync.total_items === 0) return { text: "starting: counting items", cls: "" };
    return { text: "running", cls: "" };
  };
})(window.SyncOps);
