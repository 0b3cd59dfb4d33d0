// The live feed of notifications and payloads, filterable by node, pipeline and signature. Used as the #/feed view
// and as a panel on the fleet and node views (there with the node filter set).
import { h, formatTime } from '../dom.js';
import { jsonView } from '../json-view.js';
import { tagOf } from '../store.js';

const maxItems = 200;

export function feedPanel(feed, { node = '', compact = false } = {}) {
  const filters = {
    node: input('feed-filter-node', 'node', node),
    pipeline: input('feed-filter-pipeline', 'pipeline', ''),
    signature: input('feed-filter-signature', 'signature', ''),
  };
  const kinds = {
    notification: toggle('feed-kind-notification', 'notifications', true),
    payload: toggle('feed-kind-payload', 'payloads', true),
  };
  const pause = h('button', { type: 'button', class: 'secondary small', 'data-testid': 'feed-pause' }, 'Pause');
  const list = h('ol', { class: 'feed-list', 'data-testid': 'feed-list' });
  const dropped = h('span', { class: 'muted', 'data-testid': 'feed-dropped' });
  let paused = false;
  pause.addEventListener('click', () => {
    paused = !paused;
    pause.textContent = paused ? 'Resume' : 'Pause';
  });
  const clear = h('button', { type: 'button', class: 'secondary small', onclick: () => list.replaceChildren() }, 'Clear');

  const panel = h('section', { class: `panel feed-panel${compact ? ' compact' : ''}`, 'data-testid': 'feed-panel' },
    h('div', { class: 'panel-head' }, h('h2', {}, 'Live feed'), dropped, h('span', { class: 'spacer' }), pause, clear),
    h('div', { class: 'feed-filters' }, filters.node.label, filters.pipeline.label, filters.signature.label, kinds.notification.label, kinds.payload.label),
    list);

  const matches = envelope => ['node', 'pipeline', 'signature'].every(key => {
    const wanted = filters[key].input.value.trim().toLowerCase();
    const field = key === 'node' ? envelope?.nodeId : envelope?.[key];
    return wanted === '' || String(field ?? '').toLowerCase().includes(wanted);
  });

  const unsubscribe = feed.subscribe((kind, data) => {
    if (kind === 'dropped') {
      dropped.textContent = `${data.total ?? data.count} dropped by the server (slow connection)`;
      return;
    }
    if (paused || !(kind in kinds) || !kinds[kind].input.checked || !matches(data?.envelope)) {
      return;
    }
    list.prepend(kind === 'notification' ? notificationItem(data) : payloadItem(data));
    while (list.childElementCount > maxItems) {
      list.lastElementChild.remove();
    }
  });
  panel.dispose = unsubscribe;
  return panel;
}

function input(testid, name, value) {
  const field = h('input', { type: 'search', 'data-testid': testid, placeholder: name, value, 'aria-label': `filter by ${name}` });
  return { input: field, label: h('label', { class: 'filter' }, field) };
}

function toggle(testid, name, checked) {
  const box = h('input', { type: 'checkbox', 'data-testid': testid, checked });
  return { input: box, label: h('label', { class: 'toggle' }, box, ` ${name}`) };
}

function path(envelope) {
  return [envelope?.nodeId, envelope?.pipeline, envelope?.signature, envelope?.instanceId].filter(Boolean).join(' / ');
}

function notificationItem(notification) {
  const tag = tagOf(notification);
  const failed = /FAIL|EXCEPTION|BAD/.test(tag) || String(notification.type ?? '').toLowerCase() === 'exception';
  return h('li', { class: `feed-item notification${failed ? ' bad' : ''}`, 'data-testid': 'feed-item', 'data-kind': 'notification', 'data-tag': tag },
    h('div', { class: 'feed-line' },
      h('span', { class: `tag${failed ? ' bad' : ' good'}` }, tag),
      h('span', { class: 'feed-path' }, path(notification.envelope)),
      h('time', { class: 'muted' }, formatTime(notification.envelope?.timestamp))),
    h('div', { class: 'feed-message' }, notification.message ?? ''),
    notification.info ? h('div', { class: 'muted small' }, notification.info) : null);
}

function payloadItem(payload) {
  return h('li', { class: 'feed-item payload', 'data-testid': 'feed-item', 'data-kind': 'payload' },
    h('details', {},
      h('summary', { class: 'feed-line' },
        h('span', { class: 'tag payload' }, 'PAYLOAD'),
        h('span', { class: 'feed-path' }, path(payload.envelope)),
        h('time', { class: 'muted' }, formatTime(payload.envelope?.timestamp))),
      jsonView(payload.data ?? {}),
      Array.isArray(payload.cut) && payload.cut.length > 0 ? h('div', { class: 'muted small' }, `cut by the server (too long): ${payload.cut.join(', ')}`) : null));
}

