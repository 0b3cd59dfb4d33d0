// Payload data as collapsible JSON (nested <details>); IMG fields (base64 images) are shown as pictures.
import { h } from './dom.js';

const imageKeys = /^(IMG|IMAGE_B64|IMG_B64)$|_IMG$/i;

export function jsonView(value, { open = true } = {}) {
  return h('div', { class: 'json', 'data-testid': 'json-view' }, node(value, null, open, 0));
}

function node(value, key, open, depth) {
  const label = key === null ? null : h('span', { class: 'json-key' }, `${key}: `);
  if (key !== null && imageKeys.test(String(key)) && typeof value === 'string' && value.length > 0) {
    return h('div', { class: 'json-row' }, label, image(value));
  }
  if (Array.isArray(value) && key !== null && imageKeys.test(String(key)) && value.every(v => typeof v === 'string')) {
    return h('div', { class: 'json-row' }, label, value.map(image));
  }
  if (value !== null && typeof value === 'object') {
    const entries = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
    const summary = Array.isArray(value) ? `[${entries.length}]` : `{${entries.length}}`;
    return h('details', { class: 'json-node', open: open && depth < 2 },
      h('summary', {}, label, h('span', { class: 'json-meta' }, summary)),
      entries.map(([k, v]) => node(v, k, open, depth + 1)));
  }
  return h('div', { class: 'json-row' }, label, h('span', { class: `json-${value === null ? 'null' : typeof value}` }, JSON.stringify(value)));
}

function image(base64) {
  const source = base64.startsWith('data:') ? base64 : `data:${guessType(base64)};base64,${base64}`;
  return h('img', { class: 'json-img', 'data-testid': 'payload-image', src: source, alt: 'image from the payload' });
}

function guessType(base64) {
  if (base64.startsWith('/9j/')) {
    return 'image/jpeg';
  }
  if (base64.startsWith('iVBOR')) {
    return 'image/png';
  }
  if (base64.startsWith('R0lG')) {
    return 'image/gif';
  }
  return 'image/jpeg';
}
