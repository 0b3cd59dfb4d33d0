// #/models/{node} — the models a node serves: provider, device, batching and latencies.
import { h, replace, formatNumber, formatMicros, formatTime, enc } from '../dom.js';
import { get } from '../api.js';
import { describe } from '../dialogs.js';

export async function modelsView(root, context, node) {
  const body = h('div', {}, h('p', { class: 'muted' }, 'loading…'));
  replace(root, h('nav', { class: 'crumbs' }, h('a', { href: '#/' }, 'Fleet'), ' / ', h('a', { href: `#/node/${enc(node)}` }, node), ' / models'),
    h('h1', {}, `Models on ${node}`),
    h('section', { class: 'panel' },
      h('p', { class: 'muted small' }, 'Latencies are over the most recent requests; items per second over the last heartbeat. The list is read again with each heartbeat that reports models.'),
      body));
  const render = async () => {
    try {
      const models = await get(`/api/nodes/${enc(node)}/models`);
      replace(body, (models ?? []).length === 0 ? h('p', { class: 'muted', 'data-testid': 'no-models' }, 'This node serves no models.') : h('div', { class: 'table-wrap' },
        h('table', { class: 'grid', 'data-testid': 'models-table' },
          h('thead', {}, h('tr', {}, ['Model', 'State', 'Provider', 'Device', 'Profile', 'Max batch', 'Mean batch', 'Batches', 'Requests', 'Failed', 'Overloaded', 'Items/s', 'Queue p50 / p99', 'Inference p50 / p99', 'Queue'].map(t => h('th', {}, t)))),
          models.map(model))));
    } catch (failure) {
      replace(body, h('p', { class: 'error' }, describe(failure)));
    }
  };
  await render();
  const off = context.store.onChange((kind, from, data) => {
    // Model statistics arrive with the node's heartbeat: read the list again then.
    if (kind === 'heartbeat' && from === node && (data.servedModels ?? []).length > 0) {
      render();
    }
  });
  return off;
}

function model(m) {
  const s = m.stats ?? {};
  const provider = m.provider === m.requestedProvider || !m.requestedProvider ? m.provider : `${m.provider} (asked ${m.requestedProvider})`;
  return h('tr', { 'data-testid': 'model-row', 'data-model': m.name },
    h('td', {}, h('strong', {}, m.name), h('div', { class: 'muted small' }, `${m.version ?? ''} · ${m.source ?? ''}`)),
    h('td', {}, h('span', { class: `state state-${String(m.state).toLowerCase()}` }, String(m.state).toUpperCase()), m.reason ? h('div', { class: 'error small' }, m.reason) : null,
      m.loadedAt ? h('div', { class: 'muted small' }, formatTime(m.loadedAt)) : null),
    h('td', { 'data-testid': 'model-provider', title: m.fallbackReason ?? '' }, provider, m.fallbackReason ? h('div', { class: 'muted small' }, m.fallbackReason) : null),
    h('td', {}, String(m.deviceId ?? '—')),
    h('td', {}, m.profile),
    h('td', {}, String(m.maxBatchSize ?? '—')),
    h('td', {}, formatNumber(s.meanBatchSize, 2)),
    h('td', {}, String(s.batches ?? 0)),
    h('td', {}, String(s.requests ?? 0)),
    h('td', {}, String(s.failed ?? 0)),
    h('td', {}, String(s.overloaded ?? 0)),
    h('td', {}, formatNumber(s.itemsPerSecond, 1)),
    h('td', {}, `${formatMicros(s.queueP50Microseconds)} / ${formatMicros(s.queueP99Microseconds)}`),
    h('td', { 'data-testid': 'model-p99' }, `${formatMicros(s.inferenceP50Microseconds)} / ${formatMicros(s.inferenceP99Microseconds)}`),
    h('td', {}, String(s.queueDepth ?? 0)));
}
