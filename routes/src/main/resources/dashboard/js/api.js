// The hub's /api as the pages use it: the signed-in session, the CSRF token on every change, errors as exceptions.

/** An answer of 4xx/5xx: the hub's JSON {"error", "detail"}. */
export class ApiError extends Error {
  constructor(status, error, detail, body) {
    super(detail ? `${error}: ${detail}` : error);
    this.status = status;
    this.error = error;
    this.detail = detail;
    this.body = body && typeof body === 'object' ? body : {};
  }
}

/** The hub has no such endpoint (yet): the page says so instead of failing. */
export class NotAvailable extends Error {
  constructor(what) {
    super(`${what} is not available on this hub`);
    this.what = what;
  }
}

const session = { user: null, role: null, csrf: null };
// Only a hint that a session cookie may exist (the cookie itself is HttpOnly): without it the page does not ask
// /api/session, whose 401 to a request with no cookie at all challenges for basic auth, which makes a browser pop
// up its own password dialog. A cookie of its own rather than storage: it ends with the browser session, as the
// session cookie does.
const HINT = 'switchboard_signed_in';

function hinted() {
  return document.cookie.split(';').some((c) => c.trim() === `${HINT}=1`);
}

function hint(on) {
  document.cookie = on ? `${HINT}=1; Path=/; SameSite=Strict` : `${HINT}=; Path=/; SameSite=Strict; Max-Age=0`;
}

export function currentUser() {
  return session.user ? { user: session.user, role: session.role } : null;
}

let onSignedOut = () => {};
export function whenSignedOut(callback) {
  onSignedOut = callback;
}

/**
 * One request. `json` is sent as a JSON body; `body` with `type` as it is (a CSV file). Resolves to the parsed JSON
 * (or text); rejects with ApiError, or NotAvailable when the hub has no such endpoint.
 */
export async function api(method, path, { json, body, type, query } = {}) {
  const headers = { Accept: 'application/json' };
  let payload = body;
  if (json !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(json);
  } else if (type) {
    headers['Content-Type'] = type;
  }
  if (session.csrf && method !== 'GET' && method !== 'HEAD') {
    headers['X-CSRF-Token'] = session.csrf;
  }
  const url = query ? `${path}?${new URLSearchParams(query)}` : path;
  let res;
  try {
    res = await fetch(url, { method, headers, body: payload, credentials: 'same-origin', cache: 'no-store' });
  } catch (e) {
    throw new ApiError(0, 'the hub does not answer', String(e.message || e));
  }
  const data = await parse(res);
  if (res.ok) {
    return data;
  }
  if (absent(res.status, data)) {
    throw new NotAvailable(`${method} ${path}`);
  }
  if (res.status === 401 && session.user) {
    forget();
    onSignedOut();
  }
  const err = data && typeof data === 'object' ? data : {};
  throw new ApiError(res.status, err.error || `HTTP ${res.status}`, err.detail || (typeof data === 'string' ? data : ''), err);
}

async function parse(res) {
  const type = res.headers.get('Content-Type') || '';
  if (type.includes('json')) {
    try {
      return await res.json();
    } catch (e) {
      return null;
    }
  }
  return res.text();
}

// A path no route of the hub claims: Jetty's own 404 (HTML, or JSON without "error" when asked for JSON), or a
// route's "no such resource" for a path it does not know.
function absent(status, data) {
  if (status !== 404 && status !== 405 && status !== 501) {
    return false;
  }
  if (!data || typeof data !== 'object' || typeof data.error !== 'string') {
    return true;
  }
  return data.error.startsWith('no such resource');
}

function forget() {
  session.user = session.role = session.csrf = null;
  hint(false);
}

/** The session the cookie holds, if any (after a reload). */
export async function restore() {
  if (!hinted()) {
    return null;
  }
  try {
    adopt(await api('GET', '/api/session'));
    return currentUser();
  } catch (e) {
    forget();
    return null;
  }
}

/** Signs in with POST /login: the hub sets the session cookie and answers with the CSRF token. */
export async function login(username, password) {
  const res = await fetch('/login', {
    method: 'POST', credentials: 'same-origin', cache: 'no-store',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const data = await parse(res);
  if (!res.ok) {
    const err = data && typeof data === 'object' ? data : {};
    throw new ApiError(res.status, err.error || 'sign-in refused', err.detail || '');
  }
  adopt(data);
  hint(true);
  return currentUser();
}

export async function logout() {
  try {
    await api('POST', '/logout');
  } catch (e) {
    // signed out here all the same
  } finally {
    forget();
  }
}

function adopt(data) {
  session.user = data.user;
  session.role = data.role;
  session.csrf = data.csrf;
}
