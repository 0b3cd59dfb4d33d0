// A node's pipelines, and with `instances` each pipeline's plugin instances: state, config version (and the one
// the node runs), payload rate, last error, and the actions on them. reload() reads them again (after a
// notification says a pipeline changed, or after an action).
import { h, replace, formatTime, formatNumber, enc, snake } from '../dom.js';
import { get } from '../api.js';
import { describe } from '../dialogs.js';
import * as actions from '../actions.js';

export function pipelinesSection(store, node, { instances = false, onChanged = null } = {}) {
  const body = h('div', { class: 'pipelines-body' }, h('p', { class: 'muted' }, 'loading…'));
  const showArchived = h('input', { type: 'checkbox', 'data-testid': 'show-archived' });
  const section = h('section', { class: 'pipelines', 'data-testid': 'pipelines', 'data-node': node },
    h('div', { class: 'panel-head' },
      h('h3', {}, 'Pipelines'),
      h('label', { class: 'toggle small' }, showArchived, ' archived'),
      h('span', { class: 'spacer' }),
      h('button', { type: 'button', class: 'small', 'data-testid': 'deploy-button', onclick: async () => {
        if (await actions.deployPipeline(node)) {
          await reload();
        }
      } }, 'Deploy…')),
    body);
  let generation = 0;
  const changed = async () => {
    await reload();
    onChanged?.();
  };
  const reload = async () => {
    const mine = ++generation;
    try {
      const list = await get(`/api/nodes/${enc(node)}/pipelines?archived=${showArchived.checked}`);
      const details = instances ? await Promise.all((list ?? []).map(p => loadInstances(node, p))) : [];
      if (mine !== generation) {
        return;
      }
      const entry = store.nodes.get(node);
      replace(body, (list ?? []).length === 0
        ? h('p', { class: 'muted', 'data-testid': 'no-pipelines' }, 'No pipelines.')
        : h('div', { class: 'table-wrap' }, h('table', { class: 'grid' },
          h('thead', {}, h('tr', {}, h('th', {}, 'Pipeline'), h('th', {}, 'Type'), h('th', {}, 'Version'), h('th', {}, 'Instances'), h('th', {}, 'Changed'), h('th', {}, ''))),
          (list ?? []).map((p, i) => pipelineRows(node, p, details[i], entry?.activity ?? [], changed)))));
      section.dataset.loaded = String(mine);
    } catch (failure) {
      replace(body, h('p', { class: 'error', 'data-testid': 'pipelines-error' }, describe(failure)));
    }
  };
  // Rates and last errors move with every heartbeat: they are written into the rows in place.
  section.showActivity = activity => {
    for (const row of body.querySelectorAll('[data-testid="instance-row"]')) {
      const active = activity.find(a => a.pipeline === row.dataset.pipeline && a.signature === row.dataset.signature && a.instanceId === row.dataset.instance);
      if (active) {
        row.querySelector('[data-testid="instance-rate"]').textContent = formatNumber(active.payloadsPerSecond, 2);
        if (active.lastError) {
          const cell = row.querySelector('[data-testid="instance-error"]');
          cell.textContent = errorText(active.lastError);
          cell.title = cell.textContent;
        }
      }
    }
  };
  showArchived.addEventListener('change', reload);
  section.reload = reload;
  reload();
  return section;
}

async function loadInstances(node, summary) {
  try {
    const snapshot = await get(`/api/nodes/${enc(node)}/pipelines/${enc(summary.name)}`);
    const plugins = snapshot?.config?.PLUGINS ?? [];
    const list = plugins.flatMap(block => (block.INSTANCES ?? []).map(instance => ({ signature: block.SIGNATURE, instanceId: instance.INSTANCE_ID, config: instance })));
    const states = await Promise.all(list.map(i =>
      get(`/api/nodes/${enc(node)}/pipelines/${enc(summary.name)}/instances/${enc(i.signature)}/${enc(i.instanceId)}`).catch(() => null)));
    return list.map((instance, k) => ({ ...instance, snapshot: states[k] }));
  } catch {
    return [];
  }
}

function pipelineRows(node, summary, instanceList, activity, changed) {
  const link = `#/pipeline/${enc(node)}/${enc(summary.name)}`;
  const rows = [h('tr', { class: `pipeline-row${summary.archived ? ' archived' : ''}`, 'data-testid': 'pipeline-row', 'data-pipeline': summary.name },
    h('td', {}, h('a', { href: link, 'data-testid': 'pipeline-link' }, summary.name), summary.archived ? h('span', { class: 'chip muted' }, 'archived') : null),
    h('td', {}, summary.type),
    h('td', { 'data-testid': 'pipeline-version' }, String(summary.version)),
    h('td', { 'data-testid': 'pipeline-instances' }, String(summary.instanceCount)),
    h('td', { class: 'muted small' }, `${formatTime(summary.changedAt)} by ${short(summary.changedBy)}`),
    h('td', { class: 'actions' },
      h('button', { type: 'button', class: 'small secondary', 'data-testid': 'pipeline-command-button', onclick: async () => { await actions.pipelineCommand(node, summary.name); } }, 'Command'),
      summary.archived ? null : h('button', { type: 'button', class: 'small secondary', 'data-testid': 'archive-button', onclick: async () => {
        if (await actions.archivePipeline(node, summary.name, summary.version)) {
          await changed();
        }
      } }, 'Archive'),
      h('button', { type: 'button', class: 'small danger', 'data-testid': 'delete-button', onclick: async () => {
        if (await actions.deletePipeline(node, summary.name, summary.version)) {
          await changed();
        }
      } }, 'Delete')))];
  if (instanceList && instanceList.length > 0) {
    rows.push(h('tr', { class: 'instances-row' }, h('td', { colspan: 6 }, instancesTable(node, summary, instanceList, activity, changed))));
  }
  return rows;
}

function instancesTable(node, summary, instanceList, activity, changed) {
  return h('table', { class: 'grid inner' },
    h('thead', {}, h('tr', {}, h('th', {}, 'Signature'), h('th', {}, 'Instance'), h('th', {}, 'State'), h('th', {}, 'Config version'), h('th', {}, 'Payloads/s'), h('th', {}, 'Last error'), h('th', {}, ''))),
    instanceList.map(instance => {
      const status = instance.snapshot?.status;
      const active = activity.find(a => a.pipeline === summary.name && a.signature === instance.signature && a.instanceId === instance.instanceId);
      const error = active?.lastError ? errorText(active.lastError) : status?.lastError;
      const paused = instance.config?.FORCED_PAUSE === true;
      const version = instance.snapshot?.version;
      const running = status?.configVersion;
      return h('tr', { 'data-testid': 'instance-row', 'data-pipeline': summary.name, 'data-signature': instance.signature, 'data-instance': instance.instanceId },
        h('td', {}, instance.signature),
        h('td', {}, instance.instanceId),
        h('td', {}, h('span', { class: `state state-${String(status?.state ?? 'pending').toLowerCase()}`, 'data-testid': 'instance-state' }, snake(status?.state ?? 'Pending'))),
        h('td', { 'data-testid': 'instance-config-version' }, version === undefined ? '—' : String(version),
          running !== undefined && version !== undefined && running !== version ? h('span', { class: 'muted small' }, ` (runs ${running})`) : null),
        h('td', { 'data-testid': 'instance-rate' }, active ? formatNumber(active.payloadsPerSecond, 2) : '—'),
        h('td', { class: 'error-cell', 'data-testid': 'instance-error', title: error ?? '' }, error ?? ''),
        h('td', { class: 'actions' },
          h('button', { type: 'button', class: 'small secondary', 'data-testid': 'instance-command-button', onclick: async () => {
            await actions.instanceCommand(node, summary.name, instance.signature, instance.instanceId);
          } }, 'Command'),
          h('button', { type: 'button', class: 'small secondary', 'data-testid': paused ? 'resume-button' : 'pause-button', onclick: async () => {
            if (await actions.pauseInstance(node, summary.name, instance.signature, instance.instanceId, !paused)) {
              await changed();
            }
          } }, paused ? 'Resume' : 'Pause')));
    }));
}

function errorText(error) {
  return `${error.code ? `${error.code}: ` : ''}${error.message ?? ''}`;
}

export function short(address) {
  const text = String(address ?? '');
  return text.length > 22 ? `${text.slice(0, 12)}…${text.slice(-6)}` : text;
}
