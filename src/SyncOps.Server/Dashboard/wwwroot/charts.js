// Time charts drawn with uPlot (npm, embedded at build time: SyncOps.Server.csproj). Every chart is kept in S.charts by
// name, so the page's tests read the very data that is drawn.
"use strict";
(function (S) {
  const PALETTE = ["#2457c5", "#1d7a3a", "#b42318", "#9a6200", "#6941c6", "#0e7490", "#c11574", "#475467"];
  S.charts = {};

  function draw(name, element, options, data) {
    if (S.charts[name]) S.charts[name].destroy();
    element.innerHTML = "";
    const chart = new uPlot({ width: Math.max(element.clientWidth, 480), height: 260, ...options }, data, element);
    chart.root.dataset.chart = name;
    S.charts[name] = chart;
    return chart;
  }

  function empty(name, element, text) {
    if (S.charts[name]) { S.charts[name].destroy(); delete S.charts[name]; }
    element.innerHTML = `<p class="muted">${S.esc(text)}</p>`;
  }

  const seconds = (t) => new Date(t).getTime() / 1000;
  const number = (u, value) => (value === null || value === undefined ? "–" : S.num(Math.round(value)));
  const utcDay = (t) => new Date(t * 1000).toLocaleDateString("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });
  const axisNumbers = (u, values) => values.map((v) => S.compact(v));

  // Per sync: processed items (left axis) and the working speed in items/min (right axis) at each sample.
  S.progressChart = (element, samples) => {
    if (samples.length < 2) return empty("progress", element, "Not enough samples yet for a chart (one every 5 s at most).");
    draw("progress", element, {
      title: "Processed items and speed",
      scales: { x: { time: true }, items: {}, speed: {} },
      series: [
        { label: "Time" },
        { label: "Processed", scale: "items", stroke: PALETTE[0], width: 2, value: number },
        { label: "Speed (items/min)", scale: "speed", stroke: PALETTE[1], width: 1.5, value: number },
      ],
      axes: [{}, { scale: "items", values: axisNumbers, size: 60 },
        { scale: "speed", side: 1, values: axisNumbers, grid: { show: false }, size: 60 }],
    }, [
      samples.map((s) => seconds(s.at)),
      samples.map((s) => s.done),
      samples.map((s) => (s.recent_items_per_sec === null ? null : s.recent_items_per_sec * 60)),
    ]);
  };

  // The ETA as it was predicted at each moment, shown as the predicted total duration (elapsed + ETA, in minutes), with
  // the true duration once the sync has ended: how far each prediction was from what happened.
  S.etaChart = (element, sync, samples) => {
    const start = seconds(sync.started_at);
    const points = samples.filter((s) => s.status === "running" && s.eta_seconds !== null);
    if (points.length < 2) return empty("eta", element, "No ETA predictions recorded yet.");
    const actual = sync.completed_at ? (seconds(sync.completed_at) - start) / 60 : null;
    const series = [
      { label: "Time" },
      { label: "Predicted duration (min)", stroke: PALETTE[4], width: 2, value: (u, v) => (v === null ? "–" : v.toFixed(1)) },
    ];
    const data = [points.map((s) => seconds(s.at)), points.map((s) => (seconds(s.at) - start + s.eta_seconds) / 60)];
    if (actual !== null) {
      series.push({ label: "Actual duration (min)", stroke: PALETTE[2], dash: [6, 4], width: 1.5, value: (u, v) => (v === null ? "–" : v.toFixed(1)) });
      data.push(points.map(() => actual));
    }
    draw("eta", element, { title: "ETA as predicted at each moment", scales: { x: { time: true } }, series }, data);
  };

  // Daily trends: one line per entity and source for the chosen measure, one point per day of the period (UTC).
  S.dailyChart = (element, rows, measure, days) => {
    if (rows.length === 0) return empty("daily", element, "No syncs in the period.");
    const today = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate()) / 1000;
    const x = Array.from({ length: days }, (_, i) => today - (days - 1 - i) * 86400);
    const keys = [...new Set(rows.map((r) => `${r.entity_type} · ${r.source_system}`))].sort();
    const counted = ["syncs", "records", "failures"].includes(measure);
    const lines = keys.map((key) => {
      const byDay = new Map(rows.filter((r) => `${r.entity_type} · ${r.source_system}` === key).map((r) => [seconds(r.day + "T00:00:00Z"), r[measure]]));
      return x.map((day) => (byDay.has(day) ? byDay.get(day) : counted ? 0 : null));
    });
    draw("daily", element, {
      title: S.measures[measure],
      scales: { x: { time: true } },
      series: [{ label: "Day" }, ...keys.map((key, i) => ({
        label: key, stroke: PALETTE[i % PALETTE.length], width: 2, points: { show: true, size: 5 },
        value: (u, v) => (v === null ? "–" : counted ? S.num(v) : S.duration(v)),
      }))],
      // Days are UTC days (as the server groups them): ticks on whole days, labelled with the UTC date.
      axes: [{ incrs: [86400, 2 * 86400, 7 * 86400, 14 * 86400, 28 * 86400], values: (u, splits) => splits.map(utcDay) },
        { values: (u, values) => values.map((v) => (counted ? S.compact(v) : S.duration(v))), size: 70 }],
    }, [x, ...lines]);
  };

  S.measures = {
    syncs: "Syncs per day", records: "Records processed per day", failures: "Failed or timed-out syncs per day",
    p50_seconds: "Median duration (p50)", p95_seconds: "95th percentile duration (p95)",
  };
})(window.SyncOps);
