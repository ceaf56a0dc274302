// The growth curves as one SVG: two log-log panels (client fetch + model; webview first
// render and re-sort), one line per series through the medians, a whisker from min to max
// at each point, axes labelled, and a legend with each curve's exponent.
import fs from 'node:fs';
import path from 'node:path';

const COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#17becf'];
const PANEL = { width: 560, height: 440, left: 64, right: 28, top: 40, bottom: 160 };

const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
const num = (v) => Number(v.toFixed(1));
const countLabel = (v) => (v >= 1000 ? `${v / 1000}k` : String(v));
const msLabel = (v) => (v >= 1000 ? `${v / 1000} s` : `${v} ms`);

/** Decades that cover [lo, hi]. */
function decades(lo, hi) {
  const a = Math.floor(Math.log10(lo));
  const b = Math.ceil(Math.log10(hi));
  return { a, b: b > a ? b : a + 1 };
}

/** One panel at x offset `ox`: `lines` are {label, colour, dashed, points: [{x, median, min, max}]}. */
function panel(ox, title, xTitle, lines) {
  const pts = lines.flatMap((l) => l.points);
  const xs = decades(Math.min(...pts.map((p) => p.x)), Math.max(...pts.map((p) => p.x)));
  const ys = decades(Math.max(0.1, Math.min(...pts.map((p) => p.min))), Math.max(...pts.map((p) => p.max)));
  const w = PANEL.width - PANEL.left - PANEL.right;
  const h = PANEL.height - PANEL.top - PANEL.bottom;
  const x0 = ox + PANEL.left;
  const y0 = PANEL.top;
  const sx = (v) => num(x0 + ((Math.log10(v) - xs.a) / (xs.b - xs.a)) * w);
  const sy = (v) => num(y0 + h - ((Math.log10(Math.max(v, 10 ** ys.a)) - ys.a) / (ys.b - ys.a)) * h);
  const out = [
    `<text x="${num(x0 + w / 2)}" y="22" text-anchor="middle" font-size="14" font-weight="bold">${esc(title)}</text>`,
    `<rect x="${x0}" y="${y0}" width="${w}" height="${h}" fill="none" stroke="#888"/>`,
  ];
  for (let d = xs.a; d <= xs.b; d++) {
    const x = sx(10 ** d);
    out.push(`<line x1="${x}" y1="${y0}" x2="${x}" y2="${y0 + h}" stroke="#ddd"/>`);
    out.push(`<text x="${x}" y="${y0 + h + 16}" text-anchor="middle" font-size="11">${countLabel(10 ** d)}</text>`);
  }
  for (let d = ys.a; d <= ys.b; d++) {
    const y = sy(10 ** d);
    out.push(`<line x1="${x0}" y1="${y}" x2="${x0 + w}" y2="${y}" stroke="#ddd"/>`);
    out.push(`<text x="${x0 - 6}" y="${y + 4}" text-anchor="end" font-size="11">${msLabel(10 ** d)}</text>`);
  }
  out.push(
    `<text x="${num(x0 + w / 2)}" y="${y0 + h + 36}" text-anchor="middle" font-size="12">${esc(xTitle)}</text>`,
    `<text transform="translate(${ox + 16} ${num(y0 + h / 2)}) rotate(-90)" text-anchor="middle" font-size="12">time (ms, median; whiskers min–max)</text>`,
  );
  for (const [i, l] of lines.entries()) {
    const dash = l.dashed ? ' stroke-dasharray="6 4"' : '';
    const d = l.points.map((p, j) => `${j ? 'L' : 'M'}${sx(p.x)} ${sy(p.median)}`).join(' ');
    out.push(`<path d="${d}" fill="none" stroke="${l.colour}" stroke-width="2"${dash}/>`);
    for (const p of l.points) {
      out.push(
        `<line x1="${sx(p.x)}" y1="${sy(p.min)}" x2="${sx(p.x)}" y2="${sy(p.max)}" stroke="${l.colour}"/>`,
        `<circle cx="${sx(p.x)}" cy="${sy(p.median)}" r="3" fill="${l.colour}"/>`,
      );
    }
    const ly = y0 + h + 56 + i * 16;
    out.push(
      `<line x1="${x0}" y1="${ly - 4}" x2="${x0 + 24}" y2="${ly - 4}" stroke="${l.colour}" stroke-width="2"${dash}/>`,
      `<text x="${x0 + 30}" y="${ly}" font-size="11">${esc(l.label)}</text>`,
    );
  }
  return out;
}

const exp = (e) => (e === undefined || Number.isNaN(e) ? 'n/a' : e.toFixed(2));
const asPoints = (points, key) =>
  points.map((p) => ({ x: p.n, median: p[key].median, min: p[key].min, max: p[key].max }));

/** Writes the chart of `growth` ({data, render} as bench/growth.mjs and growthRender.mjs return them) to `file`. */
export function writeGrowthChart(file, { data = [], render = [] }) {
  const dataLines = data.map((s, i) => ({
    label: `${s.label}: exponent ${exp(s.exponent)}`,
    colour: COLOURS[i % COLOURS.length],
    points: asPoints(s.points, 'ms'),
  }));
  const renderLines = render.flatMap((s, i) => [
    {
      label: `${s.id} first render: exponent ${exp(s.exponents.first)}`,
      colour: COLOURS[i % COLOURS.length],
      points: asPoints(s.points, 'first'),
    },
    {
      label: `${s.id} re-sort: exponent ${exp(s.exponents.resort)}`,
      colour: COLOURS[i % COLOURS.length],
      dashed: true,
      points: asPoints(s.points, 'resort'),
    },
  ]);
  const panels = [
    ['Client: fetch + model (simulator in its own process)', 'n (rows, nodes, sessions, fingerprints)', dataLines],
    ['Webview: first render and re-sort (headless Chromium)', 'n (rows)', renderLines],
  ].filter(([, , lines]) => lines.length && lines.every((l) => l.points.length));
  if (!panels.length) return undefined;
  const body = panels.flatMap(([title, xTitle, lines], i) => panel(i * PANEL.width, title, xTitle, lines));
  const width = panels.length * PANEL.width;
  const svg = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${PANEL.height}" viewBox="0 0 ${width} ${PANEL.height}" font-family="sans-serif">`,
    `<rect width="${width}" height="${PANEL.height}" fill="#fff"/>`,
    ...body,
    '</svg>',
    '',
  ].join('\n');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, svg);
  return file;
}
