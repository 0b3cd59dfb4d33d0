// The JSON API client: every call carries the signed-in user's token (sessionStorage) as a bearer header. A 401 asks
// for a token and retries once; every other error comes back as an ApiError with the server's body.
const tokenKey = 'ratio1.dashboard.token';
let signInHandler = null;

export class ApiError extends Error {
  constructor(status, body) {
    super(body?.message ?? `HTTP ${status}`);
    this.status = status;
    this.body = body ?? {};
  }

  // Every problem the server named, as { field, value, message } (a single-field error counts as one).
  get problems() {
    const errors = Array.isArray(this.body.errors) ? this.body.errors : [];
    const listed = errors.map(e => ({ field: e.field ?? '', value: e.value ?? null, message: e.message ?? e.reason ?? '' }));
    if (listed.length === 0 && this.body.field) {
      listed.push({ field: this.body.field, value: this.body.value ?? null, message: this.body.message ?? '' });
    }
    return listed;
  }
}

export function token() {
  return sessionStorage.getItem(tokenKey);
}

export function setToken(value) {
  if (value) {
    sessionStorage.setItem(tokenKey, value);
  } else {
    sessionStorage.removeItem(tokenKey);
  }
}

// handler: async () => void, resolves once the user gave a token.
export function onSignInNeeded(handler) {
  signInHandler = handler;
}

export function authHeaders() {
  const value = token();
  return value ? { Authorization: `Bearer ${value}` } : {};
}

export async function api(method, path, body, { signal, retried = false } = {}) {
  const headers = { Accept: 'application/json', ...authHeaders() };
  let payload;
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = typeof body === 'string' ? body : JSON.stringify(body);
  }
  const response = await fetch(path, { method, headers, body: payload, signal, credentials: 'same-origin' });
  if (response.status === 401 && !retried && signInHandler) {
    await signInHandler();
    return api(method, path, body, { signal, retried: true });
  }
  const text = await response.text();
  let parsed = null;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = { message: text };
    }
  }
  if (!response.ok) {
    throw new ApiError(response.status, parsed);
  }
  return parsed;
}

export const get = (path, options) => api('GET', path, undefined, options);
export const post = (path, body, options) => api('POST', path, body ?? {}, options);
export const del = (path, options) => api('DELETE', path, undefined, options);
