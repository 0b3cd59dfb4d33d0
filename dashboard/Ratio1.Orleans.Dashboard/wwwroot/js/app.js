// Ratio1 fleet dashboard: a single page over the JSON API (/api) and the live feed (/api/feed, server-sent events).
// Plain ES modules, no build step, nothing loaded from elsewhere.
//
// Routes: #/ fleet · #/node/{node} · #/pipeline/{node}/{name} · #/models/{node} · #/feed
//
// Test hooks (data-testid), stable for the browser tests:
//   view, nav, feed-state (live | connecting | reconnecting | signed out | refused), whoami, error-banner
//   fleet; node-card [data-node] with node-link, node-status, node-heartbeat-age [data-at], node-cpu, node-memory,
//     node-disk, node-gpu, node-models, models-link, chart-cpu / chart-memory / chart-gpu (svg, data-points)
//   pipelines [data-node, data-loaded]; pipeline-row [data-pipeline] with pipeline-link, pipeline-version,
//     pipeline-instances, pipeline-command-button, archive-button, delete-button; deploy-button; show-archived
//   instance-row [data-pipeline, data-signature, data-instance] with instance-state, instance-config-version,
//     instance-rate, instance-error, instance-command-button, pause-button / resume-button
//   feed-panel, feed-list, feed-item [data-kind = notification | payload, data-tag], feed-filter-node,
//     feed-filter-pipeline, feed-filter-signature, feed-kind-notification, feed-kind-payload, feed-pause,
//     feed-dropped, json-view, payload-image
//   pipeline view: pipeline-current-version, pipeline-config, history, history-row [data-version],
//     rollback-button, diff-from, diff-to, diff-view, diff-summary, diff-line [data-kind], edit-deploy-button
//   models view: models-table, model-row [data-model], model-provider, model-p99, no-models
//   dialogs: confirm-dialog [data-action], confirm-ok, confirm-cancel, dialog-error [data-status], command-input,
//     deploy-text, deploy-file, deploy-replace, deploy-errors, field-error [data-field]
//   sign-in: signin-dialog, signin-token, signin-submit, signin-error
import { get, onSignInNeeded, setToken, token, ApiError } from './api.js';
import { h, replace } from './dom.js';
import { LiveFeed } from './feed.js';
import { FleetStore } from './store.js';
import { describe } from './dialogs.js';
import { tickAges } from './views/node-card.js';
import { fleetView } from './views/fleet.js';
import { nodeView } from './views/node.js';
import { pipelineView } from './views/pipeline.js';
import { modelsView } from './views/models.js';
import { feedPanel } from './views/feed-panel.js';

const feed = new LiveFeed();
const store = new FleetStore(feed);
const context = { feed, store };
const root = document.getElementById('view');
const banner = document.querySelector('[data-testid="error-banner"]');
let dispose = null;
let signingIn = null;

function feedView(element) {
  const panel = feedPanel(feed);
  replace(element, h('h1', {}, 'Live feed'), panel);
  return panel.dispose;
}

const routes = [
  [/^#?\/?$/, () => fleetView(root, context)],
  [/^#\/node\/([^/]+)$/, m => nodeView(root, context, decodeURIComponent(m[1]))],
  [/^#\/pipeline\/([^/]+)\/([^/]+)$/, m => pipelineView(root, context, decodeURIComponent(m[1]), decodeURIComponent(m[2]))],
  [/^#\/models\/([^/]+)$/, m => modelsView(root, context, decodeURIComponent(m[1]))],
  [/^#\/feed$/, () => feedView(root)],
];

async function route() {
  const previous = dispose;
  dispose = null;
  if (typeof previous === 'function') {
    previous();
  }
  banner.hidden = true;
  const hash = location.hash || '#/';
  for (const link of document.querySelectorAll('.nav a')) {
    link.classList.toggle('active', (link.dataset.route === 'feed') === hash.startsWith('#/feed'));
  }
  for (const [pattern, render] of routes) {
    const match = hash.match(pattern);
    if (match) {
      try {
        dispose = await render(match);
      } catch (failure) {
        showBanner(failure);
      }
      return;
    }
  }
  replace(root, h('p', {}, 'No such page. ', h('a', { href: '#/' }, 'Back to the fleet')));
}

export function showBanner(failure) {
  banner.textContent = describe(failure);
  banner.hidden = false;
}

// A 401 opens the sign-in dialog; the token goes to sessionStorage and every request then carries it.
function signIn() {
  signingIn ??= new Promise(resolve => {
    const dialog = document.getElementById('signin-dialog');
    const form = dialog.querySelector('form');
    const input = dialog.querySelector('[data-testid="signin-token"]');
    const error = dialog.querySelector('[data-testid="signin-error"]');
    error.hidden = true;
    input.value = '';
    const submit = async event => {
      event.preventDefault();
      setToken(input.value.trim());
      try {
        await fetchMe(true);
        form.removeEventListener('submit', submit);
        dialog.close();
        signingIn = null;
        feed.start();
        resolve();
      } catch (failure) {
        setToken(null);
        error.textContent = failure instanceof ApiError && failure.status === 401 ? 'This token is not accepted.' : describe(failure);
        error.hidden = false;
      }
    };
    form.addEventListener('submit', submit);
    dialog.addEventListener('cancel', event => event.preventDefault());
    dialog.showModal();
    input.focus();
  });
  return signingIn;
}

async function fetchMe(direct = false) {
  const me = await (direct ? fetchJson('/api/me') : get('/api/me'));
  store.me = me;
  const who = document.querySelector('[data-testid="whoami"]');
  replace(who,
    me?.user ? h('span', { title: me.address ?? '' }, me.user) : me?.address ? h('span', {}, me.address) : h('span', { class: 'muted' }, 'anonymous'),
    h('span', { class: `chip ${me?.security ? 'good' : 'muted'}` }, me?.security ? 'security on' : 'security off'),
    token() ? h('button', { type: 'button', class: 'small secondary', 'data-testid': 'signout', onclick: () => {
      setToken(null);
      location.reload();
    } }, 'Sign out') : null);
  return me;
}

// /api/me without the sign-in retry (used to check a token just entered).
async function fetchJson(path) {
  const response = await fetch(path, { headers: { Accept: 'application/json', Authorization: `Bearer ${token()}` } });
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    throw new ApiError(response.status, body);
  }
  return body;
}

async function start() {
  onSignInNeeded(signIn);
  const state = document.querySelector('[data-testid="feed-state"]');
  feed.onState(value => {
    state.textContent = value;
    state.dataset.state = value;
  });
  try {
    await fetchMe();
  } catch (failure) {
    showBanner(failure);
  }
  feed.start();
  window.addEventListener('hashchange', route);
  setInterval(() => tickAges(root), 1000);
  await route();
}

start();
