// Every action is confirmed in a dialog. The dialog stays open while the action runs and shows its refusal (a 403
// with the server's message, a 400 naming the field) instead of closing, so the operator sees why nothing changed.
import { h, replace } from './dom.js';
import { ApiError } from './api.js';

const dialog = () => document.getElementById('confirm-dialog');

// options: { title, body: Node|Node[], confirmLabel, danger, action: async () => result, onProblems(problems) }
// Resolves with the action's result, or null when cancelled.
export function confirmAction({ title, body, confirmLabel = 'Confirm', danger = false, action, onProblems = null, testid = null }) {
  const element = dialog();
  const form = element.querySelector('form');
  const ok = element.querySelector('[data-testid="confirm-ok"]');
  const cancel = element.querySelector('[data-testid="confirm-cancel"]');
  const error = element.querySelector('[data-testid="dialog-error"]');
  element.querySelector('.dialog-title').textContent = title;
  replace(element.querySelector('.dialog-body'), body);
  element.dataset.action = testid ?? '';
  ok.textContent = confirmLabel;
  ok.classList.toggle('danger', danger);
  ok.disabled = false;
  error.hidden = true;
  return new Promise(resolve => {
    const finish = result => {
      form.removeEventListener('submit', submit);
      cancel.removeEventListener('click', close);
      element.removeEventListener('cancel', close);
      element.close();
      resolve(result);
    };
    const close = event => {
      event?.preventDefault();
      finish(null);
    };
    const submit = async event => {
      event.preventDefault();
      ok.disabled = true;
      error.hidden = true;
      onProblems?.([]);
      try {
        const result = await action();
        finish(result ?? true);
      } catch (failure) {
        ok.disabled = false;
        showError(error, failure, onProblems);
      }
    };
    form.addEventListener('submit', submit);
    cancel.addEventListener('click', close);
    element.addEventListener('cancel', close);
    element.showModal();
  });
}

function showError(element, failure, onProblems) {
  if (failure instanceof ApiError) {
    const problems = failure.problems;
    if (problems.length > 0 && onProblems) {
      onProblems(problems);
    }
    element.textContent = describe(failure);
  } else {
    element.textContent = failure?.message ?? String(failure);
  }
  element.dataset.status = failure?.status ?? '';
  element.hidden = false;
}

export function describe(failure) {
  if (!(failure instanceof ApiError)) {
    return failure?.message ?? String(failure);
  }
  const kind = failure.body.error ? `${failure.body.error}: ` : '';
  const prefix = failure.status === 403 ? 'Refused (403). ' : `Error ${failure.status}. `;
  return `${prefix}${kind}${failure.body.message ?? ''}`.trim();
}

// A labelled JSON (or plain text) input for commands.
export function commandField(placeholder) {
  return h('label', { class: 'field' }, 'Command (JSON or a name)',
    h('textarea', { rows: 4, 'data-testid': 'command-input', placeholder, spellcheck: 'false' }));
}

export function readCommand(body) {
  const text = body.querySelector('[data-testid="command-input"]').value.trim();
  if (text === '') {
    throw new Error('Write a command first.');
  }
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
