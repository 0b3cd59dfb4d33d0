// The operator's actions, each confirmed in the dialog and sent through the API (so the silo authorises them like
// any client's call). Each resolves with the server's answer, or null when cancelled.
import { h, enc } from './dom.js';
import { post, del } from './api.js';
import { confirmAction, commandField, readCommand } from './dialogs.js';

const pipelinePath = (node, name) => `/api/nodes/${enc(node)}/pipelines/${enc(name)}`;
const instancePath = (node, name, signature, instanceId) => `${pipelinePath(node, name)}/instances/${enc(signature)}/${enc(instanceId)}`;

export function archivePipeline(node, name, version) {
  return confirmAction({
    title: `Archive ${name}?`,
    body: h('p', {}, `The pipeline stops on ${node}; its history is kept and a deploy revives it.`),
    confirmLabel: 'Archive',
    danger: true,
    testid: 'archive',
    action: () => post(`${pipelinePath(node, name)}/archive`, version ? { expectedVersion: version } : {}),
  });
}

export function deletePipeline(node, name, version) {
  return confirmAction({
    title: `Delete ${name}?`,
    body: h('p', {}, `The pipeline and its whole history are removed from ${node}. This cannot be undone.`),
    confirmLabel: 'Delete',
    danger: true,
    testid: 'delete',
    action: () => del(`${pipelinePath(node, name)}${version ? `?expectedVersion=${version}` : ''}`),
  });
}

export function rollbackPipeline(node, name, toVersion, latestVersion) {
  return confirmAction({
    title: `Roll ${name} back to version ${toVersion}?`,
    body: h('p', {}, `A new version ${latestVersion + 1} is made with the config of version ${toVersion}.`),
    confirmLabel: 'Roll back',
    testid: 'rollback',
    action: () => post(`${pipelinePath(node, name)}/rollback`, { version: toVersion, expectedVersion: latestVersion }),
  });
}

export function pipelineCommand(node, name) {
  const body = h('div', {}, h('p', {}, `A command for the capture of ${name} on ${node}.`), commandField('RESTART'));
  return confirmAction({
    title: `Command for ${name}`,
    body,
    confirmLabel: 'Send',
    testid: 'pipeline-command',
    action: () => post(`${pipelinePath(node, name)}/command`, { command: readCommand(body) }),
  });
}

export function instanceCommand(node, name, signature, instanceId) {
  const body = h('div', {}, h('p', {}, `A command for ${signature} / ${instanceId} of ${name} on ${node}.`),
    commandField('{"COMMAND": "SET_MESSAGE", "COMMAND_PARAMS": {"MESSAGE": "hi"}}'));
  return confirmAction({
    title: `Command for ${instanceId}`,
    body,
    confirmLabel: 'Send',
    testid: 'instance-command',
    action: () => post(`${instancePath(node, name, signature, instanceId)}/command`, { command: readCommand(body) }),
  });
}

export function pauseInstance(node, name, signature, instanceId, paused) {
  return confirmAction({
    title: `${paused ? 'Pause' : 'Resume'} ${instanceId}?`,
    body: h('p', {}, paused
      ? `FORCED_PAUSE is set on ${signature} / ${instanceId}: it keeps taking configs and commands but stops executing.`
      : `FORCED_PAUSE is cleared on ${signature} / ${instanceId}: it executes again.`),
    confirmLabel: paused ? 'Pause' : 'Resume',
    testid: paused ? 'pause' : 'resume',
    action: () => post(`${instancePath(node, name, signature, instanceId)}/pause`, { paused }),
  });
}

// Deploy a pipeline JSON pasted or read from a file. The server validates it; a 400's fields are listed next to the
// text, each with the line where the field's key first appears, and nothing is deployed.
export function deployPipeline(node, initialText = '') {
  const text = h('textarea', { rows: 16, 'data-testid': 'deploy-text', spellcheck: 'false', class: 'code-input',
    placeholder: '{\n  "NAME": "my-pipeline",\n  "TYPE": "Void",\n  "PLUGINS": [ ... ]\n}' });
  text.value = initialText;
  const file = h('input', { type: 'file', accept: '.json,application/json', 'data-testid': 'deploy-file' });
  file.addEventListener('change', async () => {
    if (file.files?.[0]) {
      text.value = await file.files[0].text();
    }
  });
  const replaceBox = h('input', { type: 'checkbox', 'data-testid': 'deploy-replace' });
  const problems = h('ul', { class: 'field-errors', 'data-testid': 'deploy-errors' });
  const body = h('div', { class: 'deploy' },
    h('p', {}, `Paste a Ratio1 pipeline JSON or upload a file; it is deployed to ${node}.`),
    h('div', { class: 'deploy-grid' },
      h('label', { class: 'field' }, 'Pipeline JSON', text),
      problems),
    h('div', { class: 'deploy-options' },
      h('label', {}, 'Upload ', file),
      h('label', { class: 'toggle' }, replaceBox, ' replace the whole config (not a merge)')));
  const showProblems = list => {
    problems.replaceChildren(...list.map(p => h('li', { class: 'field-error', 'data-testid': 'field-error', 'data-field': p.field },
      h('code', {}, p.field || '(document)'),
      p.value !== null && p.value !== undefined ? h('span', {}, ' = ', h('code', {}, p.value)) : null,
      lineOf(text.value, p.field) ? h('span', { class: 'muted' }, ` (line ${lineOf(text.value, p.field)})`) : null,
      h('div', {}, p.message))));
    text.classList.toggle('invalid', list.length > 0);
  };
  return confirmAction({
    title: `Deploy a pipeline to ${node}`,
    body,
    confirmLabel: 'Deploy',
    testid: 'deploy',
    onProblems: showProblems,
    action: () => post(`/api/nodes/${enc(node)}/pipelines${replaceBox.checked ? '?replace=true' : ''}`, text.value),
  });
}

// The line of the text where the field's last key ("PLUGINS[0].INSTANCES[1].PROCESS_DELAY" → PROCESS_DELAY) appears.
function lineOf(source, field) {
  const key = String(field ?? '').split('.').pop()?.replace(/\[\d+\]$/, '');
  if (!key) {
    return null;
  }
  const index = source.indexOf(`"${key}"`);
  return index < 0 ? null : source.slice(0, index).split('\n').length;
}
