// #/ — every node: its card, its pipelines; the live feed beside them.
import { h, replace } from '../dom.js';
import { describe } from '../dialogs.js';
import { nodeCard } from './node-card.js';
import { pipelinesSection } from './pipelines.js';
import { feedPanel } from './feed-panel.js';
import { changesPipelines } from '../store.js';

const activityEveryMs = 5000;

export async function fleetView(root, { store, feed }) {
  const list = h('div', { class: 'node-list', 'data-testid': 'fleet' }, h('p', { class: 'muted' }, 'loading…'));
  const panel = feedPanel(feed, { compact: true });
  replace(root, h('div', { class: 'layout-split' }, h('div', {}, h('h1', {}, 'Fleet'), list), panel));
  const cards = new Map();
  const sections = new Map();
  const counts = new Map();
  try {
    const nodes = await store.loadNodes();
    replace(list, nodes.length === 0 ? h('p', { class: 'muted' }, 'No node has registered yet.') : null);
    for (const entry of nodes) {
      const id = entry.info.nodeId;
      const card = nodeCard(entry);
      const section = pipelinesSection(store, id, { instances: true });
      card.append(section);
      cards.set(id, card);
      sections.set(id, section);
      counts.set(id, entry.heartbeat?.pipelines);
      list.append(card);
    }
  } catch (failure) {
    replace(list, h('p', { class: 'error' }, describe(failure)));
  }
  // Instance rates and last errors come with a node's detail: read it again on a heartbeat, at most every few
  // seconds per node (the heartbeat itself is what triggers it; nothing polls).
  const activityRead = new Map();
  const readActivity = async node => {
    const last = activityRead.get(node) ?? 0;
    if (Date.now() - last < activityEveryMs) {
      return;
    }
    activityRead.set(node, Date.now());
    try {
      const entry = await store.loadNode(node);
      const card = cards.get(node);
      card?.update(entry);
      card?.append(sections.get(node));
      sections.get(node)?.showActivity(entry.activity ?? []);
    } catch {
      // The next heartbeat tries again.
    }
  };
  // The recent heartbeats (the charts) of each node, at once.
  for (const node of cards.keys()) {
    readActivity(node);
  }
  const off = store.onChange((kind, node, data) => {
    const card = cards.get(node);
    if (!card) {
      return;
    }
    if (kind === 'heartbeat') {
      const section = sections.get(node);
      card.update(store.nodes.get(node));
      card.append(section);
      if (data.pipelines !== counts.get(node)) {
        counts.set(node, data.pipelines);
        section.reload();
      } else {
        readActivity(node);
      }
    } else if (kind === 'notification' && changesPipelines(data)) {
      sections.get(node)?.reload();
    }
  });
  return () => {
    off();
    panel.dispose();
  };
}
