// A small line chart in SVG of a broadcast's cumulative sent, delivered and failed counts over time.

const NS = 'http://www.w3.org/2000/svg';
const SERIES = [['sent', 'Sent'], ['delivered', 'Delivered'], ['failed', 'Failed']];
const W = 640;
const H = 240;
const PAD = { left: 44, right: 12, top: 12, bottom: 36 };

function svgEl(tag, attrs = {}, text) {
  const node = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) {
    node.setAttribute(k, String(v));
  }
  if (text !== undefined) {
    node.textContent = text;
  }
  return node;
}

/** buckets: [{at, sent, delivered, failed}], oldest first. */
export function timelineChart(buckets) {
  const points = (buckets || []).map((b) => ({ ...b, t: new Date(b.at).getTime() }))
    .filter((b) => !Number.isNaN(b.t)).sort((a, b) => a.t - b.t);
  const svg = svgEl('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart', id: 'timeline-chart', role: 'img',
    'aria-label': 'sent, delivered and failed over time' });
  svg.dataset.points = String(points.length);
  const t0 = points.length ? points[0].t : 0;
  const t1 = points.length ? points[points.length - 1].t : 1;
  const span = Math.max(1, t1 - t0);
  const max = Math.max(1, ...points.flatMap((p) => SERIES.map(([k]) => Number(p[k]) || 0)));
  const x = (t) => PAD.left + ((t - t0) / span) * (W - PAD.left - PAD.right);
  const y = (v) => H - PAD.bottom - (v / max) * (H - PAD.top - PAD.bottom);
  svg.append(svgEl('line', { x1: PAD.left, y1: y(0), x2: W - PAD.right, y2: y(0), class: 'axis' }));
  svg.append(svgEl('line', { x1: PAD.left, y1: PAD.top, x2: PAD.left, y2: y(0), class: 'axis' }));
  svg.append(svgEl('text', { x: PAD.left - 6, y: y(max) + 4, class: 'tick', 'text-anchor': 'end' }, String(max)));
  svg.append(svgEl('text', { x: PAD.left - 6, y: y(0) + 4, class: 'tick', 'text-anchor': 'end' }, '0'));
  if (points.length) {
    const time = (t) => new Date(t).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
    svg.append(svgEl('text', { x: PAD.left, y: H - PAD.bottom + 16, class: 'tick' }, time(t0)));
    svg.append(svgEl('text', { x: W - PAD.right, y: H - PAD.bottom + 16, class: 'tick', 'text-anchor': 'end' }, time(t1)));
  }
  SERIES.forEach(([key, name], i) => {
    if (points.length) {
      // one point: a flat line, so a broadcast that went out within one bucket still shows
      const pts = points.length === 1 ? [[PAD.left, y(points[0][key] || 0)], [W - PAD.right, y(points[0][key] || 0)]]
        : points.map((p) => [x(p.t), y(Number(p[key]) || 0)]);
      svg.append(svgEl('polyline', { points: pts.map(([a, b]) => `${a.toFixed(1)},${b.toFixed(1)}`).join(' '),
        class: `series ${key}`, 'data-series': key }));
    }
    const lx = PAD.left + i * 110;
    svg.append(svgEl('rect', { x: lx, y: H - 14, width: 10, height: 10, class: `legend ${key}` }));
    const last = points.length ? Number(points[points.length - 1][key]) || 0 : 0;
    svg.append(svgEl('text', { x: lx + 14, y: H - 5, class: 'legend-text' }, `${name} ${last}`));
  });
  return svg;
}
