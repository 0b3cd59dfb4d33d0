// The live feed: one server-sent-event stream (/api/feed) read with fetch + ReadableStream so the bearer header goes
// with it. Every view listens here; nothing in the page polls the server. When the stream ends (server restart,
// network), it reconnects after a growing pause.
import { authHeaders } from './api.js';

export class LiveFeed {
  constructor() {
    this.listeners = new Set();
    this.stateListeners = new Set();
    this.controller = null;
    this.retryMs = 500;
    this.state = 'connecting';
    this.dropped = 0;
  }

  // listener(kind, data): kind = heartbeat | notification | payload | dropped.
  subscribe(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onState(listener) {
    this.stateListeners.add(listener);
    listener(this.state);
  }

  start() {
    this.stop();
    this.controller = new AbortController();
    this.run(this.controller.signal);
  }

  stop() {
    this.controller?.abort();
    this.controller = null;
  }

  setState(state) {
    this.state = state;
    for (const listener of this.stateListeners) {
      listener(state);
    }
  }

  async run(signal) {
    while (!signal.aborted) {
      try {
        this.setState('connecting');
        const response = await fetch('/api/feed?kinds=payload,notification,heartbeat', {
          headers: { Accept: 'text/event-stream', ...authHeaders() },
          signal,
          credentials: 'same-origin',
          cache: 'no-store',
        });
        if (response.status === 401 || response.status === 403) {
          this.setState(response.status === 401 ? 'signed out' : 'refused');
          // The sign-in restarts the feed; until then there is nothing to read.
          return;
        }
        if (!response.ok || !response.body) {
          throw new Error(`feed answered ${response.status}`);
        }
        this.setState('live');
        this.retryMs = 500;
        await this.read(response.body, signal);
      } catch (error) {
        if (signal.aborted) {
          return;
        }
        console.warn('live feed interrupted', error);
      }
      if (signal.aborted) {
        return;
      }
      this.setState('reconnecting');
      await new Promise(resolve => setTimeout(resolve, this.retryMs));
      this.retryMs = Math.min(this.retryMs * 2, 15000);
    }
  }

  async read(body, signal) {
    const reader = body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    let event = 'message';
    let data = [];
    while (!signal.aborted) {
      const { value, done } = await reader.read();
      if (done) {
        return;
      }
      buffer += value;
      let newline;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        let line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        if (line.endsWith('\r')) {
          line = line.slice(0, -1);
        }
        if (line === '') {
          if (data.length > 0) {
            this.dispatch(event, data.join('\n'));
          }
          event = 'message';
          data = [];
        } else if (line.startsWith(':')) {
          // keep-alive comment
        } else {
          const colon = line.indexOf(':');
          const field = colon < 0 ? line : line.slice(0, colon);
          const text = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
          if (field === 'event') {
            event = text;
          } else if (field === 'data') {
            data.push(text);
          }
        }
      }
    }
  }

  dispatch(kind, text) {
    let data;
    try {
      data = JSON.parse(text);
    } catch {
      return;
    }
    if (kind === 'dropped') {
      this.dropped = data.total ?? this.dropped + (data.count ?? 0);
    }
    for (const listener of this.listeners) {
      try {
        listener(kind, data);
      } catch (error) {
        console.error('feed listener failed', error);
      }
    }
  }
}
