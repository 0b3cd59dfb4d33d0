// What the page knows about the fleet: nodes with their latest heartbeat and the recent ones (for the charts), kept
// current by the live feed. Views read it and re-render their parts on change.
import { get } from './api.js';
import { enc } from './dom.js';

const maxRecent = 120;

export class FleetStore {
  constructor(feed) {
    this.nodes = new Map();
    this.listeners = new Set();
    this.me = null;
    feed.subscribe((kind, data) => this.onFeed(kind, data));
  }

  onChange(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(kind, node, data) {
    for (const listener of this.listeners) {
      listener(kind, node, data);
    }
  }

  async loadNodes() {
    const list = await get('/api/nodes');
    for (const entry of list ?? []) {
      const id = entry.info?.nodeId;
      const known = this.nodes.get(id) ?? { recent: [] };
      known.info = entry.info;
      known.heartbeat = entry.heartbeat ?? known.heartbeat ?? null;
      this.nodes.set(id, known);
    }
    return [...this.nodes.values()];
  }

  async loadNode(node) {
    const detail = await get(`/api/nodes/${enc(node)}`);
    const known = this.nodes.get(node) ?? { recent: [] };
    known.info = detail.info;
    known.heartbeat = detail.heartbeat ?? known.heartbeat ?? null;
    // Keep heartbeats the feed brought after the server's list.
    const last = detail.recent?.at(-1)?.at;
    const newer = last ? known.recent.filter(v => Date.parse(v.at) > Date.parse(last)) : known.recent;
    known.recent = [...(detail.recent ?? []), ...newer].slice(-maxRecent);
    known.models = detail.models ?? [];
    known.activity = detail.activity ?? [];
    this.nodes.set(node, known);
    return known;
  }

  onFeed(kind, data) {
    if (kind === 'heartbeat' && data?.node && data.view) {
      const known = this.nodes.get(data.node) ?? { recent: [], info: null };
      known.heartbeat = data.view;
      known.recent = [...known.recent, data.view].slice(-maxRecent);
      if (known.info) {
        // A heartbeat means the node is up.
        known.info = { ...known.info, status: 'Online', lastSeen: data.view.at };
      }
      this.nodes.set(data.node, known);
      this.emit('heartbeat', data.node, data.view);
    } else if (kind === 'notification') {
      this.emit('notification', data?.envelope?.nodeId, data);
    } else if (kind === 'payload') {
      this.emit('payload', data?.envelope?.nodeId, data);
    }
  }
}

// Notification tags after which a node's pipeline list (versions, instances, states) is worth reading again.
const changing = /^(PIPELINE_(OK|FAILED|ARCHIVE_OK|DCT_CONFIG_OK)|PLUGIN_(CONFIG|CONFIG_IN_PAUSE|PAUSE|RESUME)_(OK|FAILED))$/;

export function tagOf(notification) {
  if (notification?.tag) {
    return notification.tag;
  }
  const code = notification?.code;
  return typeof code === 'string' ? code.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase() : String(code ?? '');
}

export function changesPipelines(notification) {
  return changing.test(tagOf(notification));
}
