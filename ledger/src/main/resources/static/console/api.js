// Calls to the ledger's HTTP API with the user's bearer token (docs/console.md "Signing in").
// The token is kept in sessionStorage: it lives as long as this tab and is sent only to this
// ledger (same origin). Every refusal is an RFC 9457 problem; LedgerProblem carries it.

const TOKEN = 'oversight-console-token';

export class LedgerProblem extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
    /** The rule name, e.g. insufficient-confirmations (the end of the problem type URN). */
    this.rule = (problem.type || '').replace(/^urn:oversight:problem:/, '');
  }
}

export function token() {
  return sessionStorage.getItem(TOKEN);
}

export function setToken(value) {
  const t = value.trim();
  if (!/^ovt\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(t)) {
    throw new Error('a token looks like ovt.<id>.<secret>; ask the ledger operator for one');
  }
  sessionStorage.setItem(TOKEN, t);
}

export function clearToken() {
  sessionStorage.removeItem(TOKEN);
}

async function call(method, path, body) {
  const headers = { Accept: 'application/json, application/problem+json' };
  const t = token();
  if (t) headers.Authorization = `Bearer ${t}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, { method, headers, body, credentials: 'omit', cache: 'no-store' });
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { json = null; }
  if (!response.ok) {
    throw new LedgerProblem(response.status, json && typeof json === 'object'
      ? json : { title: `HTTP ${response.status}`, detail: text.slice(0, 300) });
  }
  return json;
}

export const getJson = path => call('GET', path);

/** Submits one signed envelope: its canonical bytes as the body, exactly as signed (§3.5). */
export const submitEvent = leafBytes => call('POST', '/v1/events', leafBytes);

export const postBytes = (path, bytes) => call('POST', path, bytes);

export async function postForText(path, bytes) {
  const headers = { 'Content-Type': 'application/json', Authorization: `Bearer ${token()}` };
  const response = await fetch(path, { method: 'POST', headers, body: bytes, credentials: 'omit', cache: 'no-store' });
  const text = await response.text();
  if (!response.ok) {
    let problem;
    try { problem = JSON.parse(text); } catch { problem = { title: `HTTP ${response.status}`, detail: text.slice(0, 300) }; }
    throw new LedgerProblem(response.status, problem);
  }
  return { contentType: response.headers.get('Content-Type') || '', text };
}
