// Small inline-SVG line charts over the recent heartbeats (no chart library).
const svgNs = 'http://www.w3.org/2000/svg';

// last: what the newest point stands for (a heartbeat's time), kept in data-last.
export function sparkline(values, { max = null, label = '', testid = null, width = 120, height = 28, last = null } = {}) {
  const svg = document.createElementNS(svgNs, 'svg');
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('width', width);
  svg.setAttribute('height', height);
  svg.setAttribute('class', 'spark');
  // The chart stretches to its box; the line keeps its width (vector-effect in app.css).
  svg.setAttribute('preserveAspectRatio', 'none');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', label);
  if (testid) {
    svg.setAttribute('data-testid', testid);
  }
  const points = values.filter(v => typeof v === 'number' && !Number.isNaN(v));
  svg.dataset.points = String(points.length);
  svg.dataset.last = last ?? '';
  if (points.length === 0) {
    return svg;
  }
  const top = max ?? Math.max(...points, 1);
  const step = points.length > 1 ? width / (points.length - 1) : 0;
  const coordinates = points.map((v, i) => {
    const x = points.length > 1 ? i * step : width / 2;
    const y = height - 2 - (Math.min(v, top) / top) * (height - 4);
    return `${x.toFixed(1)},${y.toFixed(1)}`;
  });
  const area = document.createElementNS(svgNs, 'polygon');
  area.setAttribute('points', `0,${height} ${coordinates.join(' ')} ${width},${height}`);
  area.setAttribute('class', 'spark-area');
  const line = document.createElementNS(svgNs, 'polyline');
  line.setAttribute('points', coordinates.join(' '));
  line.setAttribute('class', 'spark-line');
  svg.append(area, line);
  return svg;
}
