// Talks to the audit API (same origin) and to auth's login (CORS). The token lives in
// sessionStorage: gone when the tab closes, never in localStorage.
const TOKEN_KEY = 'crm.console.session';

/** An API failure, with a sentence an operator can act on. */
export class ApiError extends Error {
  constructor(status, code, message, details) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

let settings = null;
let session = readSession();
const sessionListeners = [];

function readSession() {
  try {
    const raw = sessionStorage.getItem(TOKEN_KEY);
    const s = raw ? JSON.parse(raw) : null;
    return s && s.expiresAt > Date.now() ? s : null;
  } catch {
    return null;
  }
}

export function currentSession() {
  if (session && session.expiresAt <= Date.now()) setSession(null);
  return session;
}

function setSession(s) {
  session = s;
  if (s) sessionStorage.setItem(TOKEN_KEY, JSON.stringify(s));
  else sessionStorage.removeItem(TOKEN_KEY);
  for (const l of sessionListeners) l(s);
}

export function onSessionChange(listener) {
  sessionListeners.push(listener);
}

export function signOut() {
  setSession(null);
}

export function hasPermission(p) {
  return !!session && session.permissions.includes(p);
}

async function loadSettings() {
  settings ??= await fetch('/console/config.json', { cache: 'no-store' }).then((r) => r.json());
  return settings;
}

/** What to tell the operator for each contract code (SPEC §2.2); the server's text adds detail. */
export function explain(status, body) {
  const code = body && typeof body.code === 'number' ? body.code : null;
  const text = body && typeof body.message === 'string' ? body.message : '';
  switch (code) {
    case 4002:
      return 'Employee ID or password is wrong.';
    case 4003:
    case 4004:
      return `This account cannot sign in now (${text}). Ask an administrator.`;
    case 4005:
      return 'Your password has expired. Change it before signing in here.';
    case 4010:
      return 'Your session has ended or is not valid. Please sign in again.';
    case 4030:
      return `You do not have the permission for this${text.startsWith('permission required') ? ` (${text.replace('permission required: ', '')})` : ''}.`;
    case 4040:
      return `Not found${text && text !== 'not found' ? `: ${text}` : ''}.`;
    case 4090:
      return `Conflict: ${text}.`;
    case 4220: {
      const fields = Array.isArray(body.details) ? body.details.map((d) => `${d.field}: ${d.reasons.join(', ')}`).join('; ') : '';
      return `Please check the form. ${fields || text}`;
    }
    case 4290:
      return 'Too many attempts. Wait a moment and try again.';
    case 5000:
      return `The server failed. Report this reference to the operators: ${text}`;
    case 5030:
      return 'A service the audit app needs is unavailable. Try again shortly.';
    default:
      return status === 404 ? 'This function is not available on the server.' : `Unexpected answer from the server (HTTP ${status}).`;
  }
}

async function failure(res) {
  let body = null;
  try {
    body = await res.json();
  } catch {
    /* not JSON */
  }
  return new ApiError(res.status, body?.code ?? null, explain(res.status, body), body?.details);
}

async function send(url, init) {
  try {
    return await fetch(url, init);
  } catch {
    throw new ApiError(0, null, 'Cannot reach the server. Check the network and try again.');
  }
}

export async function signIn(employeeId, password, totp) {
  const { authUrl } = await loadSettings();
  const body = { employeeId, password };
  if (totp) body.totp = totp;
  const res = await send(`${authUrl}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw await failure(res);
  const r = await res.json();
  setSession({ token: r.accessToken, employeeId: r.employeeId, permissions: r.permissions ?? [], expiresAt: Date.now() + (r.expiresIn ?? 900) * 1000 });
}

async function authorized(path, init = {}) {
  const s = currentSession();
  if (!s) throw new ApiError(401, 4010, explain(401, { code: 4010 }));
  const res = await send(path, { ...init, headers: { ...(init.headers ?? {}), authorization: `Bearer ${s.token}` } });
  if (res.status === 401) {
    const err = await failure(res);
    setSession(null);
    throw err;
  }
  if (!res.ok) throw await failure(res);
  return res;
}

/** Drops empty values so the query carries only what the operator filled in. */
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

export async function getJson(path, params = {}) {
  return (await authorized(`${path}${query(params)}`)).json();
}

export async function postJson(path, body) {
  return (await authorized(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).json();
}

/** The export as a blob, with the file name the server suggests (or one made up from the range). */
export async function download(path, params, fallbackName) {
  const res = await authorized(`${path}${query(params)}`);
  const disposition = res.headers.get('content-disposition') ?? '';
  const match = /filename="?([^";]+)"?/.exec(disposition);
  return { blob: await res.blob(), name: match ? match[1] : fallbackName };
}
