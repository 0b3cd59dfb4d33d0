// A node's card: status, heartbeat age, CPU / memory / disk / GPU with small charts over the recent heartbeats, and
// served models. update() re-renders it from the store when a heartbeat arrives.
import { h, replace, formatAge, ageOf, formatNumber, statusWord, enc } from '../dom.js';
import { sparkline } from '../charts.js';

export function nodeCard(entry, { detailed = false } = {}) {
  const card = h('article', { class: 'card node-card', 'data-testid': 'node-card', 'data-node': entry.info?.nodeId ?? '' });
  card.update = next => render(card, next, detailed);
  render(card, entry, detailed);
  return card;
}

function render(card, entry, detailed) {
  const info = entry.info ?? {};
  const beat = entry.heartbeat;
  const status = statusWord(info.status);
  const recent = entry.recent ?? [];
  const memory = beat && beat.memoryTotalMiB ? (beat.memoryUsedMiB / beat.memoryTotalMiB) * 100 : null;
  const disk = beat && beat.diskTotalGiB ? (beat.diskUsedGiB / beat.diskTotalGiB) * 100 : null;
  const chartWidth = detailed ? 220 : 120;
  replace(card,
    h('header', { class: 'card-head' },
      h('a', { class: 'node-name', href: `#/node/${enc(info.nodeId ?? '')}`, 'data-testid': 'node-link' }, info.alias && info.alias !== info.nodeId ? `${info.alias} (${info.nodeId})` : info.nodeId),
      h('span', { class: `status status-${status.toLowerCase()}`, 'data-testid': 'node-status' }, status),
      h('span', { class: 'muted age', 'data-testid': 'node-heartbeat-age', 'data-at': beat?.at ?? info.lastSeen ?? '' },
        formatAge(ageOf(beat?.at ?? info.lastSeen)))),
    h('div', { class: 'metrics' },
      metric('CPU', beat ? `${formatNumber(beat.cpuPercent)} %` : '—', 'node-cpu',
        sparkline(recent.map(v => v.cpuPercent), { max: 100, label: 'CPU % over recent heartbeats', testid: 'chart-cpu', width: chartWidth, last: recent.at(-1)?.at })),
      metric('Memory', beat ? `${formatNumber(beat.memoryUsedMiB / 1024)} / ${formatNumber(beat.memoryTotalMiB / 1024)} GiB` : '—', 'node-memory',
        sparkline(recent.map(v => v.memoryTotalMiB ? (v.memoryUsedMiB / v.memoryTotalMiB) * 100 : null), { max: 100, label: 'memory % over recent heartbeats', testid: 'chart-memory', width: chartWidth }),
        memory),
      metric('Disk', beat ? `${formatNumber(beat.diskUsedGiB)} / ${formatNumber(beat.diskTotalGiB)} GiB` : '—', 'node-disk', null, disk),
      metric('GPU', gpuText(beat), 'node-gpu',
        beat?.gpus?.length ? sparkline(recent.map(v => v.gpus?.[0]?.loadPercent ?? null), { max: 100, label: 'GPU load over recent heartbeats', testid: 'chart-gpu', width: chartWidth }) : null)),
    h('div', { class: 'models-line', 'data-testid': 'node-models' },
      h('span', { class: 'muted' }, 'Models: '),
      (beat?.servedModels ?? []).length === 0 ? h('span', { class: 'muted' }, 'none')
        : beat.servedModels.map(m => h('span', { class: 'chip' }, modelName(m))),
      h('a', { class: 'small', href: `#/models/${enc(info.nodeId ?? '')}`, 'data-testid': 'models-link' }, 'models view')),
    detailed ? h('dl', { class: 'facts' },
      fact('Version', info.version), fact('Host', info.hostName), fact('Silo', info.siloAddress),
      fact('Pipelines', beat?.pipelines ?? info.pipelineCount), fact('Instances', beat?.instances),
      fact('Signatures', (info.signatures ?? []).join(', '))) : null);
}

function metric(label, text, testid, chart, percent = null) {
  return h('div', { class: 'metric' },
    h('div', { class: 'metric-label' }, label),
    h('div', { class: 'metric-value', 'data-testid': testid }, text),
    percent !== null && percent !== undefined ? h('div', { class: 'bar' }, h('span', { style: `width:${Math.min(100, Math.max(0, percent)).toFixed(1)}%` })) : null,
    chart);
}

function fact(label, value) {
  return [h('dt', {}, label), h('dd', {}, value ?? '—')];
}

function gpuText(beat) {
  if (!beat) {
    return '—';
  }
  if (!beat.gpus || beat.gpus.length === 0) {
    return 'none';
  }
  return beat.gpus.map(g => `${g.name ?? 'GPU'} ${g.loadPercent !== null && g.loadPercent !== undefined ? `${formatNumber(g.loadPercent, 0)} %` : ''} ${formatNumber((g.memoryUsedMiB ?? 0) / 1024)} / ${formatNumber((g.memoryTotalMiB ?? 0) / 1024)} GiB`).join('; ');
}

function modelName(model) {
  if (typeof model === 'string') {
    return model;
  }
  return [model?.name, model?.version].filter(Boolean).join(':') || JSON.stringify(model);
}

// Heartbeat ages move on between heartbeats: a local clock tick re-labels them (no request).
export function tickAges(root) {
  for (const element of root.querySelectorAll('[data-at]')) {
    const at = element.dataset.at;
    if (at) {
      element.textContent = formatAge(ageOf(at));
    }
  }
}
