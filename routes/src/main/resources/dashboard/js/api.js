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

const session = { user: null, role: null, csrf: null, basic: null };
// Only a hint that a session cookie may exist (the cookie itself is HttpOnly): without it the page does not ask
// /api/session, whose 401 without a cookie could make a browser pop up its own password dialog. A cookie of its own
// rather than storage: it ends with the browser session, as the session cookie does.
const HINT = 'switchboard_signed_in';

function hinted() {
  return document.cookie.split(';').some((c) => c.trim() === `${HINT}=1`);
}

function hint(on) {
  document.cookie = on ? `${HINT}=1; Path=/; SameSite=Strict` : `${HINT}=; Path=/; SameSite=Strict; Max-Age=0`;
}

export function currentUser() {
  return session.user ? { user: session.user, role: session.role, basicAuth: session.basic !== null } : null;
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
  // names the caller, so that a 401 for it can leave out WWW-Authenticate (which makes browsers ask with a dialog)
  const headers = { Accept: 'application/json', 'X-Requested-With': 'switchboard-dashboard' };
  let payload = body;
  if (json !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(json);
  } else if (type) {
    headers['Content-Type'] = type;
  }
  if (session.basic) {
    headers.Authorization = session.basic;
  } else if (session.csrf && method !== 'GET' && method !== 'HEAD') {
    headers['X-CSRF-Token'] = session.csrf;
  }
  const url = query ? `${path}?${new URLSearchParams(query)}` : path;
  let res;
  try {
    res = await fetch(url, { method, headers, body: payload, credentials: credentials(), cache: 'no-store' });
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

/**
 * The session cookie goes along with every request; with basic auth nothing does, which also keeps the browser from
 * answering a 401 (a wrong password) with its own password dialog: fetch only asks when it may send credentials.
 */
function credentials() {
  return session.basic ? 'omit' : 'same-origin';
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
  session.user = session.role = session.csrf = session.basic = null;
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

/**
 * Signs in with POST /login. A hub that has no sessions yet (POST /login absent) takes HTTP basic auth on /api: the
 * credentials are then kept in this page's memory only, for as long as it stays open.
 */
export async function login(username, password) {
  const res = await fetch('/login', {
    method: 'POST', credentials: 'same-origin', cache: 'no-store',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-Requested-With': 'switchboard-dashboard' },
    body: JSON.stringify({ username, password }),
  });
  const data = await parse(res);
  if (res.ok) {
    adopt(data);
    hint(true);
    return currentUser();
  }
  if (!absent(res.status, data)) {
    const err = data && typeof data === 'object' ? data : {};
    throw new ApiError(res.status, err.error || 'sign-in refused', err.detail || '');
  }
  session.basic = 'Basic ' + base64(`${username}:${password}`);
  try {
    await api('GET', '/api/contacts', { query: { limit: 0 } });
  } catch (e) {
    session.basic = null;
    if (e instanceof ApiError && e.status === 401) {
      throw new ApiError(401, 'wrong user name or password', '');
    }
    throw e;
  }
  session.user = username;
  session.role = 'admin';
  return currentUser();
}

export async function logout() {
  const basic = session.basic !== null;
  try {
    if (!basic) {
      await api('POST', '/logout');
    }
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
  session.basic = null;
}

function base64(text) {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  bytes.forEach((b) => { binary += String.fromCharCode(b); });
  return btoa(binary);
}

/** A file fetched with basic auth and handed to the browser to save (with a session, a plain link does it). */
export async function download(path, filename) {
  const res = await fetch(path, { headers: { Authorization: session.basic }, credentials: 'omit', cache: 'no-store' });
  if (!res.ok) {
    throw new ApiError(res.status, `download failed (HTTP ${res.status})`, path);
  }
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}
