// Small DOM builder: h('div', { class: 'x', 'data-testid': 'y', onclick: fn }, child, ...). Text is always set as
// text (never HTML), so values from the fleet cannot inject markup.
export function h(tag, attributes, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else if (name === 'dataset') {
      Object.assign(element.dataset, value);
    } else if (value === true) {
      element.setAttribute(name, '');
    } else {
      element.setAttribute(name, String(value));
    }
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) {
      continue;
    }
    if (Array.isArray(child)) {
      append(element, child);
    } else if (child instanceof Node) {
      element.appendChild(child);
    } else {
      element.appendChild(document.createTextNode(String(child)));
    }
  }
}

export function replace(element, ...children) {
  element.replaceChildren();
  append(element, children);
  return element;
}

export function formatAge(seconds) {
  if (seconds === null || seconds === undefined || Number.isNaN(seconds)) {
    return '—';
  }
  if (seconds < 1) {
    return 'now';
  }
  if (seconds < 90) {
    return `${Math.round(seconds)} s ago`;
  }
  if (seconds < 5400) {
    return `${Math.round(seconds / 60)} min ago`;
  }
  if (seconds < 172800) {
    return `${Math.round(seconds / 3600)} h ago`;
  }
  return `${Math.round(seconds / 86400)} d ago`;
}

export function ageOf(isoTime) {
  return isoTime ? Math.max(0, (Date.now() - Date.parse(isoTime)) / 1000) : null;
}

export function formatNumber(value, digits = 1) {
  return value === null || value === undefined || Number.isNaN(value) ? '—' : Number(value).toFixed(digits);
}

export function formatTime(isoTime) {
  if (!isoTime) {
    return '—';
  }
  const date = new Date(isoTime);
  return Number.isNaN(date.getTime()) ? String(isoTime) : date.toLocaleString();
}

export function formatMicros(micros) {
  if (micros === null || micros === undefined) {
    return '—';
  }
  return micros >= 1000 ? `${(micros / 1000).toFixed(1)} ms` : `${Math.round(micros)} µs`;
}

// Enum values arrive as their C# names (System.Text.Json's string enums); nodes speak Ratio1's upper-case words.
export function statusWord(status) {
  switch (String(status ?? '').toLowerCase()) {
    case 'online': return 'ONLINE';
    case 'lost': return 'LOST';
    case 'offline': return 'OFFLINE';
    default: return String(status ?? 'UNKNOWN').toUpperCase();
  }
}

export function snake(name) {
  return String(name ?? '').replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
}

export function enc(part) {
  return encodeURIComponent(part);
}
