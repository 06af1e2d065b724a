// The workbench's charts, drawn with Chart.js (its WebJar, loaded by index.html as the global `Chart`): every chart
// has axis titles, a legend and tooltips, sits in a box of its own size, and has a text alternative for screen readers.

const LIVE = "#8e9cc2";
const CHANGE = "#2f478f";
const WON = "#2f478f";
const CONVERTED = "#8e9cc2";
const INTERVAL = "#1d2330";
const CAPACITY = "#a1231b";

const charts = new Map();

/** A chart in a fresh box inside `container`, replacing any chart with the same id. */
function draw(container, id, description, config, small = false) {
  if (charts.has(id)) {
    charts.get(id).destroy();
    charts.delete(id);
  }
  const box = document.createElement("div");
  box.className = small ? "chart small" : "chart";
  const canvas = document.createElement("canvas");
  canvas.id = id;
  canvas.setAttribute("role", "img");
  canvas.setAttribute("aria-label", description);
  canvas.textContent = description;
  box.appendChild(canvas);
  container.appendChild(box);
  config.options = {
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    ...config.options,
    plugins: { legend: { position: "bottom" }, ...(config.options || {}).plugins },
  };
  charts.set(id, new window.Chart(canvas, config));
  return canvas;
}

const axis = (title, extra = {}) => ({ title: { display: true, text: title }, ...extra });
const percentAxis = (title) => axis(title, { min: 0, max: 1, ticks: { callback: (v) => Math.round(v * 100) + "%" } });
const pct = (v) => (v === null || v === undefined ? "too few" : (v * 100).toFixed(0) + "%");

/** Score distribution before and after a change: prospects per score band. */
export function distribution(container, buckets) {
  return draw(container, "distribution", "Score distribution, live and with the change", {
    type: "bar",
    data: {
      labels: buckets.map((b) => b.from + "+"),
      datasets: [
        { label: "live", data: buckets.map((b) => b.live), backgroundColor: LIVE },
        { label: "with the change", data: buckets.map((b) => b.draft), backgroundColor: CHANGE },
      ],
    },
    options: { scales: { x: axis("score (band starting at)"), y: axis("prospects", { beginAtZero: true }) } },
  });
}

/**
 * Conversion and win rate per grade, each with its 95% interval (a thin floating bar); a band with too few prospects
 * has no bar and says so in its label.
 */
export function winRates(container, grades, id = "win-rates") {
  const label = (g) => "grade " + g.band + " (" + g.with_outcome + " known" + (g.win_rate.value === null ? ", too few" : "") + ")";
  const value = (r) => (r.value === null ? null : r.value);
  const range = (r) => (r.value === null ? null : [r.low, r.high]);
  return draw(container, id, "Conversion and win rate per grade with their 95% intervals", {
    type: "bar",
    data: {
      labels: grades.map(label),
      datasets: [
        { label: "converted", data: grades.map((g) => value(g.conversion_rate)), backgroundColor: CONVERTED },
        { label: "won", data: grades.map((g) => value(g.win_rate)), backgroundColor: WON },
        {
          label: "95% interval of the win rate",
          data: grades.map((g) => range(g.win_rate)),
          backgroundColor: INTERVAL,
          barPercentage: 0.08,
          grouped: false,
        },
      ],
    },
    options: {
      scales: { x: axis("grade (prospects with a known outcome)"), y: percentAxis("share of those with a known outcome") },
      plugins: {
        tooltip: {
          callbacks: {
            label: (ctx) =>
              Array.isArray(ctx.raw) ? "95% interval " + pct(ctx.raw[0]) + "–" + pct(ctx.raw[1]) : ctx.dataset.label + ": " + pct(ctx.raw),
          },
        },
      },
    },
  });
}

/** Qualified prospects per week as bars (one week is one bar, not a lone dot), with sales' capacity as a dashed line when it is set. */
export function weekly(container, weeks) {
  const capacity = weeks.length ? weeks[0].capacity : null;
  const datasets = [{ type: "bar", label: "qualified", data: weeks.map((w) => w.qualified), backgroundColor: CHANGE }];
  if (capacity) {
    datasets.push({ type: "line", label: "sales' capacity", data: weeks.map(() => capacity), borderColor: CAPACITY, borderDash: [6, 4], pointRadius: 0 });
  }
  return draw(container, "weekly", "Prospects qualified per week" + (capacity ? " against sales' capacity" : ""), {
    type: "bar",
    data: { labels: weeks.map((w) => w.week), datasets },
    options: { scales: { x: axis("week"), y: axis("qualified", { beginAtZero: true }) } },
  }, true);
}

/** How each activity type's points fade over 90 days: the share of its points left, day by day. */
export function decay(container, decayByType) {
  const days = Array.from({ length: 91 }, (_, d) => d);
  const left = (rule, d) => {
    if (!rule || rule === "none" || rule.none) return 1;
    if (rule.half_life_days) return Math.pow(0.5, d / rule.half_life_days);
    if (rule.window_days) return d <= rule.window_days ? 1 : 0;
    return 1;
  };
  const palette = ["#2f478f", "#a1231b", "#0b6b31", "#8a4b00", "#6b2fa0", "#00707a", "#b0306e", "#505869", "#1d7fc4", "#7a6a00", "#c24e00", "#3d3d3d"];
  const types = Object.keys(decayByType);
  return draw(container, "decay-chart", "Share of an activity's points left after each day, per activity type", {
    type: "line",
    data: {
      labels: days,
      datasets: types.map((t, k) => ({
        label: t,
        data: days.map((d) => left(decayByType[t], d)),
        borderColor: palette[k % palette.length],
        backgroundColor: palette[k % palette.length],
        pointRadius: 0,
        borderWidth: 2,
        stepped: decayByType[t] && decayByType[t].window_days ? true : false,
      })),
    },
    options: {
      scales: { x: axis("days since the activity", { ticks: { maxTicksLimit: 10 } }), y: percentAxis("points left") },
      plugins: { tooltip: { callbacks: { label: (ctx) => ctx.dataset.label + ": " + pct(ctx.raw) } } },
    },
  });
}
