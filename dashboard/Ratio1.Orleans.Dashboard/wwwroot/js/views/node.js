// #/node/{node} — one node in detail: larger charts, facts, every pipeline with its instances, the node's feed.
import { h, replace } from '../dom.js';
import { describe } from '../dialogs.js';
import { nodeCard } from './node-card.js';
import { pipelinesSection } from './pipelines.js';
import { feedPanel } from './feed-panel.js';
import { changesPipelines } from '../store.js';

export async function nodeView(root, { store, feed }, node) {
  const head = h('div', {}, h('p', { class: 'muted' }, 'loading…'));
  const panel = feedPanel(feed, { node, compact: true });
  let section = null;
  replace(root, h('nav', { class: 'crumbs' }, h('a', { href: '#/' }, 'Fleet'), ' / ', node), h('div', { class: 'layout-split' }, head, panel));
  let card = null;
  const refresh = async () => {
    const entry = await store.loadNode(node);
    card?.update(entry);
    return entry;
  };
  try {
    const entry = await store.loadNode(node);
    card = nodeCard(entry, { detailed: true });
    section = pipelinesSection(store, node, { instances: true, onChanged: refresh });
    replace(head, card, section);
  } catch (failure) {
    replace(head, h('p', { class: 'error', 'data-testid': 'node-error' }, describe(failure)));
    return () => panel.dispose();
  }
  let pending = null;
  // Rates and last errors come with the node's detail: read again when a heartbeat says time moved on, at most
  // once per heartbeat, never on a timer.
  const off = store.onChange((kind, from, data) => {
    if (from !== node) {
      return;
    }
    if (kind === 'heartbeat') {
      card.update(store.nodes.get(node));
      pending ??= refresh().then(entry => section.showActivity(entry.activity ?? [])).catch(() => null).finally(() => {
        pending = null;
      });
    } else if (kind === 'notification' && changesPipelines(data)) {
      section.reload();
    }
  });
  return () => {
    off();
    panel.dispose();
  };
}
