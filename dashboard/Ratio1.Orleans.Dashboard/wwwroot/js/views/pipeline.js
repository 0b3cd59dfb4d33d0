// #/pipeline/{node}/{name} — the current config, the version history (roll back to any version) and a side-by-side
// diff of any two versions.
import { h, replace, formatTime, enc } from '../dom.js';
import { get } from '../api.js';
import { describe } from '../dialogs.js';
import { diffLines } from '../diff.js';
import * as actions from '../actions.js';
import { changesPipelines } from '../store.js';
import { short } from './pipelines.js';

export async function pipelineView(root, { store }, node, name) {
  const base = `/api/nodes/${enc(node)}/pipelines/${enc(name)}`;
  const head = h('div', { class: 'pipeline-head' });
  const config = h('pre', { class: 'code', 'data-testid': 'pipeline-config' });
  const history = h('div', { class: 'table-wrap' });
  const fromSelect = h('select', { 'data-testid': 'diff-from', 'aria-label': 'older version' });
  const toSelect = h('select', { 'data-testid': 'diff-to', 'aria-label': 'newer version' });
  const diff = h('div', { class: 'diff-wrap', 'data-testid': 'diff-view' });
  const error = h('p', { class: 'error', 'data-testid': 'pipeline-error', hidden: true });
  replace(root,
    h('nav', { class: 'crumbs' }, h('a', { href: '#/' }, 'Fleet'), ' / ', h('a', { href: `#/node/${enc(node)}` }, node), ' / ', name),
    head, error,
    h('div', { class: 'layout-pipeline' },
      h('section', { class: 'panel' }, h('h2', {}, 'History'), history),
      h('section', { class: 'panel' }, h('h2', {}, 'Current config'), config)),
    h('section', { class: 'panel', 'data-testid': 'compare' },
      h('div', { class: 'panel-head' }, h('h2', {}, 'Compare versions'), fromSelect, h('span', {}, '→'), toSelect),
      diff));

  const texts = new Map();
  const configText = async version => {
    if (!texts.has(version)) {
      const snapshot = await get(`${base}?version=${version}`);
      texts.set(version, snapshot.configJson ?? JSON.stringify(snapshot.config, null, 2));
    }
    return texts.get(version);
  };
  const showDiff = async () => {
    const from = Number(fromSelect.value);
    const to = Number(toSelect.value);
    if (!from || !to) {
      replace(diff, h('p', { class: 'muted' }, 'Only one version so far.'));
      return;
    }
    try {
      const [left, right] = await Promise.all([configText(from), configText(to)]);
      replace(diff, diffTable(diffLines(left, right), from, to));
    } catch (failure) {
      replace(diff, h('p', { class: 'error' }, describe(failure)));
    }
  };
  fromSelect.addEventListener('change', showDiff);
  toSelect.addEventListener('change', showDiff);

  const load = async () => {
    try {
      error.hidden = true;
      const [snapshot, revisions] = await Promise.all([get(base), get(`${base}/history?limit=200`)]);
      const latest = snapshot.latestVersion ?? snapshot.version ?? snapshot.revision?.version;
      const current = snapshot.configJson ?? JSON.stringify(snapshot.config, null, 2);
      texts.set(snapshot.version ?? snapshot.revision?.version, current);
      replace(head,
        h('h1', {}, name, ' ', h('span', { class: 'chip', 'data-testid': 'pipeline-current-version' }, `v${snapshot.version ?? snapshot.revision?.version}`),
          snapshot.archived ?? snapshot.revision?.archived ? h('span', { class: 'chip muted' }, 'archived') : null),
        h('p', { class: 'muted' }, `on ${node} · created ${formatTime(snapshot.createdAt)} by ${short(snapshot.createdBy)}`),
        h('div', { class: 'button-row' },
          h('button', { type: 'button', 'data-testid': 'edit-deploy-button', onclick: async () => {
            if (await actions.deployPipeline(node, JSON.stringify(snapshot.config, null, 2))) {
              await load();
            }
          } }, 'Edit and deploy…'),
          h('button', { type: 'button', class: 'secondary', 'data-testid': 'pipeline-command-button', onclick: () => actions.pipelineCommand(node, name) }, 'Command…'),
          h('button', { type: 'button', class: 'secondary', 'data-testid': 'archive-button', onclick: async () => {
            if (await actions.archivePipeline(node, name, latest)) {
              await load();
            }
          } }, 'Archive…'),
          h('button', { type: 'button', class: 'danger', 'data-testid': 'delete-button', onclick: async () => {
            if (await actions.deletePipeline(node, name, latest)) {
              location.hash = `#/node/${enc(node)}`;
            }
          } }, 'Delete…')));
      config.textContent = current;
      const ordered = [...(revisions ?? [])].sort((a, b) => b.version - a.version);
      replace(history, h('table', { class: 'grid', 'data-testid': 'history' },
        h('thead', {}, h('tr', {}, ['Version', 'Action', 'By', 'When', ''].map(t => h('th', {}, t)))),
        ordered.map(r => h('tr', { 'data-testid': 'history-row', 'data-version': r.version },
          h('td', {}, `v${r.version}`),
          h('td', {}, String(r.action), r.rolledBackTo ? ` → v${r.rolledBackTo}` : '', r.archived ? ' (archived)' : ''),
          h('td', { title: r.changedBy }, short(r.changedBy), r.verified ? h('span', { class: 'chip good', title: 'verified signature' }, '✓') : null),
          h('td', { class: 'small' }, formatTime(r.changedAt)),
          h('td', {}, r.version === latest || String(r.action) === 'Delete' ? null : h('button', { type: 'button', class: 'small secondary', 'data-testid': 'rollback-button', onclick: async () => {
            if (await actions.rollbackPipeline(node, name, r.version, latest)) {
              await load();
            }
          } }, 'Roll back'))))));
      const options = () => ordered.map(r => h('option', { value: r.version }, `v${r.version}`));
      const keepFrom = fromSelect.value;
      const keepTo = toSelect.value;
      replace(fromSelect, options());
      replace(toSelect, options());
      toSelect.value = keepTo && ordered.some(r => String(r.version) === keepTo) && keepTo !== '' ? keepTo : String(ordered[0]?.version ?? '');
      fromSelect.value = keepFrom && ordered.some(r => String(r.version) === keepFrom) ? keepFrom : String(ordered[1]?.version ?? ordered[0]?.version ?? '');
      if (ordered.length > 1 && fromSelect.value === toSelect.value) {
        fromSelect.value = String(ordered[1].version);
      }
      await showDiff();
    } catch (failure) {
      error.textContent = describe(failure);
      error.hidden = false;
    }
  };
  await load();
  const off = store.onChange((kind, from, data) => {
    if (kind === 'notification' && from === node && data?.envelope?.pipeline === name && changesPipelines(data)) {
      load();
    }
  });
  return off;
}

function diffTable(rows, from, to) {
  const changes = rows.filter(r => r.kind !== 'same').length;
  return h('div', {},
    h('p', { class: 'muted', 'data-testid': 'diff-summary' }, changes === 0 ? `v${from} and v${to} have the same config.` : `${changes} changed line${changes === 1 ? '' : 's'} from v${from} to v${to}.`),
    h('div', { class: 'table-wrap' }, h('table', { class: 'diff' },
      h('colgroup', {}, h('col', { class: 'ln' }), h('col', {}), h('col', { class: 'ln' }), h('col', {})),
      h('thead', {}, h('tr', {}, h('th', { colspan: 2 }, `v${from}`), h('th', { colspan: 2 }, `v${to}`))),
      h('tbody', {}, rows.map(r => h('tr', { class: `diff-${r.kind}`, 'data-testid': r.kind === 'same' ? null : 'diff-line', 'data-kind': r.kind },
        h('td', { class: 'ln' }, r.leftNo ?? ''), h('td', { class: 'left' }, r.left ?? ''),
        h('td', { class: 'ln' }, r.rightNo ?? ''), h('td', { class: 'right' }, r.right ?? '')))))));
}
