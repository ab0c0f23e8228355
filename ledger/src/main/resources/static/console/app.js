// The reviewer console: queue, review page, key and enrolment. Every text from the ledger is put
// into the page with textContent (never as HTML).

import { hex, signEvent, timestamp, unsignedEvent } from './canonical.js';
import { LedgerProblem, clearToken, getJson, setToken, submitEvent, token } from './api.js';
import { createSigner, deleteSigner, loadSigner } from './keystore.js';
import { degrees, number, rateWords, refusalWords, scoreWords, validityWords, when } from './words.js';
import { drawCrop, requestCrop } from './crop.js';

const STATES = ['pending', 'confirmed', 'rejected', 'actioned'];
const $ = id => document.getElementById(id);
let signer = null;
let state = 'pending';
let current = null; // the match on the review page

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') e.className = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v);
  }
  for (const c of children) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return e;
}

function show(id, on) {
  $(id).hidden = !on;
}

function say(id, text, kind = 'info') {
  const box = $(id);
  box.textContent = text;
  box.className = `message ${kind}`;
  box.hidden = !text;
}

// ---- token -----------------------------------------------------------------------------------

function renderToken() {
  const has = Boolean(token());
  show('token-form', !has);
  show('token-set', has);
  show('queue', has);
}

$('token-form').addEventListener('submit', async ev => {
  ev.preventDefault();
  try {
    setToken($('token-input').value);
    $('token-input').value = '';
    say('token-message', '');
    renderToken();
    if (signer) await renderKey();
    await loadQueue();
    await route();
  } catch (e) {
    say('token-message', e.message, 'error');
  }
});

$('token-forget').addEventListener('click', () => {
  clearToken();
  renderToken();
  show('review', false);
});

// ---- key and enrolment -------------------------------------------------------------------------

async function renderKey() {
  show('key-create', !signer);
  show('key-info', Boolean(signer));
  if (!signer) return;
  $('key-principal').textContent = `${signer.principal} (${signer.role})`;
  $('key-public').textContent = signer.publicText;
  $('key-id').textContent = signer.keyId;
  await renderEnrolment();
  await checkEnrolment();
}

/** Asks the log whether an authority enrolled this key (GET /v1/keys/{keyId}). */
async function checkEnrolment() {
  const status = $('key-status');
  if (!token()) {
    status.textContent = 'Paste an API token to see whether this key is enrolled.';
    return;
  }
  try {
    const k = await getJson(`/v1/keys/${signer.keyId}`);
    const revoked = k.revokedAt !== null;
    status.textContent = revoked
      ? `REVOKED at leaf ${number(k.revokedAt)}: this key signs nothing more; create and enrol a new one.`
      : `Enrolled at leaf ${number(k.enrolledAt)} for ${k.principal} as ${k.role}.`;
    status.className = revoked ? 'message error' : 'message ok';
    $('enrolment').open = false;
    if (k.principal !== signer.principal || k.role !== signer.role) {
      status.textContent += ` (This browser expected ${signer.principal} as ${signer.role}; the log is what counts.)`;
    }
  } catch (e) {
    if (e instanceof LedgerProblem && e.status === 404) {
      status.textContent = 'Not enrolled yet: give the enrolment request below to an authority, then press “Check enrolment”.';
      status.className = 'message warn';
      $('enrolment').open = true;
    } else {
      status.textContent = `Could not check the enrolment: ${e.message}`;
      status.className = 'message error';
    }
  }
}

async function renderEnrolment() {
  let seq = 0;
  let prev = null;
  if (token()) {
    try {
      const head = await getJson(`/v1/streams/principal/${encodeURIComponent(signer.principal)}/head`);
      seq = head.nextSeq;
      prev = head.last;
    } catch (e) {
      say('key-message', `Could not read the principal's stream head: ${e.message}`, 'error');
    }
  }
  const request = {
    header: {
      eventId: `ev-enrol-${signer.principal}-${signer.keyId.slice(0, 8)}`.slice(0, 128),
      type: 'KeyEnrolled',
      stream: `principal/${signer.principal}`,
      seq,
      prev,
      time: timestamp(new Date()),
    },
    payload: { principal: signer.principal, publicKey: signer.publicText, role: signer.role },
  };
  $('enrolment-request').textContent = JSON.stringify(request, null, 2);
  $('enrolment-command').textContent = `ops/oversight-cli.sh sign --key AUTHORITY.key --event enrol-${signer.principal}.json `
    + `> enrol-${signer.principal}.signed\nops/oversight-cli.sh submit --url ${location.origin} --token @TOKEN_FILE `
    + `--event enrol-${signer.principal}.signed`;
}

$('key-create').addEventListener('submit', async ev => {
  ev.preventDefault();
  const principal = $('principal-input').value.trim();
  const role = $('role-input').value;
  if (!/^[A-Za-z0-9._:-]{1,128}$/.test(principal)) {
    say('key-message', 'A principal id is 1–128 characters of letters, digits and . _ : -', 'error');
    return;
  }
  try {
    signer = await createSigner(principal, role);
    say('key-message', 'Key created in this browser. Give the enrolment request below to an authority.', 'ok');
    await renderKey();
    if (current) renderForms(current);
  } catch (e) {
    say('key-message', `This browser could not create an Ed25519 key: ${e.message}`, 'error');
  }
});

$('key-check').addEventListener('click', () => checkEnrolment());

$('key-forget').addEventListener('click', async () => {
  if (!confirm('Forget this key? It cannot be recovered; you would need a new enrolment.')) return;
  await deleteSigner();
  signer = null;
  await renderKey();
  if (current) renderForms(current);
});

// ---- queue -------------------------------------------------------------------------------------

function renderTabs() {
  const tabs = $('tabs');
  tabs.replaceChildren(...STATES.map(s => el('button', {
    type: 'button', class: s === state ? 'tab active' : 'tab', 'data-state': s,
    onclick: () => { state = s; renderTabs(); loadQueue(); },
  }, s)));
}

async function loadQueue(after = -1) {
  if (!token()) return;
  const body = $('queue-rows');
  if (after < 0) body.replaceChildren();
  try {
    const page = await getJson(`/v1/matches?state=${state}&limit=50&after=${after}`);
    say('queue-message', page.matches.length === 0 && after < 0 ? `No ${state} matches.` : '');
    $('queue-size').textContent = `as of log size ${number(page.treeSize)}`;
    for (const m of page.matches) {
      const mine = signer && m.verdicts.find(v => v.principal === signer.principal);
      body.append(el('tr', { 'data-match': m.match },
        el('td', {}, el('a', { href: `#match=${encodeURIComponent(m.match)}`, class: 'match-link' }, m.match)),
        el('td', { class: 'num' }, `${number(m.score)} / ${number(m.threshold)}`),
        el('td', {}, m.candidateEntry),
        el('td', {}, `${m.confirmations} of ${m.confirmationsRequired}`),
        el('td', {}, m.verdicts.map(v => `${v.principal}: ${v.verdict}`).join(', ') || 'none yet'),
        el('td', {}, mine ? `you: ${mine.verdict}` : '')));
    }
    const more = $('queue-more');
    more.hidden = page.next === null;
    more.onclick = () => loadQueue(page.next);
  } catch (e) {
    say('queue-message', e instanceof LedgerProblem ? refusalWords(e) : e.message, 'error');
  }
}

// ---- review page -------------------------------------------------------------------------------

function row(label, value) {
  return el('tr', {}, el('th', {}, label), el('td', {}, value));
}

async function openMatch(id) {
  show('review', true);
  show('queue', false);
  say('outcome', '');
  try {
    current = await getJson(`/v1/matches/${encodeURIComponent(id)}`);
  } catch (e) {
    say('outcome', e instanceof LedgerProblem ? refusalWords(e) : e.message, 'error');
    return;
  }
  renderMatch(current);
}

function renderMatch(m) {
  $('review-title').textContent = `Match ${m.match}`;
  const badge = $('review-state');
  badge.textContent = m.state;
  badge.className = `badge ${m.state}`;
  $('review-confirmations').textContent = `${m.confirmations} of ${m.confirmationsRequired} confirmations by distinct reviewers`
    + ` (the policy in force requires ${m.confirmationsRequired}, never fewer than 2).`;
  $('score-words').textContent = scoreWords(m.score, m.threshold);
  $('rate-words').textContent = rateWords(m.policy, m.proposal.watchlistSize);

  const where = $('where');
  const cam = m.camera;
  where.replaceChildren(
    row('Camera', cam ? `${cam.camera}${cam.decommissioned ? ' (since decommissioned)' : ''}` : `${m.detection.camera} (not registered!)`),
    row('Location', cam ? `${cam.location.description} (${degrees(cam.location.latitudeE7)}, ${degrees(cam.location.longitudeE7)})` : '—'),
    row('Captured', when(m.detection.captureTime)),
    row('Purpose', cam ? cam.purpose : '—'),
    row('Legal basis', cam ? cam.legalBasis : '—'));

  const warrant = $('warrant');
  const entry = m.entry;
  warrant.replaceChildren(...(entry ? [
    row('Warrant reference', entry.authorisationRef),
    row('Validity', validityWords(entry)),
    row('Watchlist entry', `${entry.entry} (${entry.category}; subject ${entry.subject}; authorised by ${entry.authorisedBy})`),
  ] : [row('Watchlist entry', `${m.candidateEntry}: NOT authorised in the log`)]));

  const reviews = $('reviews');
  reviews.replaceChildren(...(m.reviews.length === 0 ? [el('li', {}, 'No reviews yet.')] : m.reviews.map(r =>
    el('li', { class: `verdict ${r.verdict}` },
      el('strong', {}, `${r.principal}: ${r.verdict}`),
      ` (${when(r.time)}${r.counted ? '' : '; not counted: a later review by the same reviewer'}) \u2014 `,
      el('q', {}, r.rationale)))));
  const actions = $('actions');
  actions.replaceChildren(...(m.actions.length === 0 ? [el('li', {}, 'No action yet.')] : m.actions.map(a =>
    el('li', {}, el('strong', {}, `${a.principal}: ${a.action}`), ` (reference ${a.reference}, ${when(a.time)})`))));

  $('crop-status').textContent = 'crop not shown: viewing it records a disclosure in the log. Press \u201cShow the faces\u201d.';
  $('crop-status').className = 'message info';
  $('probe-canvas').hidden = true;
  $('enrolment-canvas').hidden = true;
  $('enrolment-status').textContent = entry
    ? 'enrolment image not shown: viewing it records a disclosure in the log. Press \u201cShow the faces\u201d.'
    : 'no enrolment image: the entry is not authorised in the log.';
  $('enrolment-status').className = 'message info';
  renderForms(m);
}

function renderForms(m) {
  const canReview = signer && signer.role === 'reviewer';
  const canAct = signer && signer.role === 'officer';
  show('review-form', canReview);
  show('action-form', canAct);
  show('no-key', !signer);
  $('show-crop').disabled = !signer;
  if (canAct) {
    const enough = m.state === 'confirmed';
    $('action-warning').textContent = enough ? '' : `This match is ${m.state}: it has ${m.confirmations} of the `
      + `${m.confirmationsRequired} confirmations an action needs. The ledger refuses an action before two reviewers `
      + 'confirmed, and an audit reports any action before the policy\u2019s number.';
    $('action-warning').hidden = enough;
  }
}

function randomEventId() {
  return `ev-${hex(crypto.getRandomValues(new Uint8Array(12)))}`;
}

/** Signs `payload` as the next event of the current match's stream and submits it. */
async function appendToMatch(type, payload) {
  const fresh = await getJson(`/v1/streams/match/${encodeURIComponent(current.match)}/head`);
  const unsigned = unsignedEvent({
    eventId: randomEventId(), type, stream: `match/${current.match}`, seq: fresh.nextSeq, prev: fresh.last,
    time: timestamp(new Date()), signer: signer.keyId,
  }, payload);
  const signed = await signEvent(unsigned, signer.privateKey);
  const receipt = await submitEvent(signed.leafBytes);
  if (receipt.eventHash !== signed.eventHash) {
    throw new Error(`the ledger's event hash ${receipt.eventHash} differs from the one computed here ${signed.eventHash}`);
  }
  return receipt;
}

$('review-form').addEventListener('submit', async ev => {
  ev.preventDefault();
  const verdict = new FormData($('review-form')).get('verdict');
  const rationale = $('rationale').value.trim();
  if (!verdict || !rationale) {
    say('outcome', 'Choose a verdict and write your reasons.', 'error');
    return;
  }
  await act('review', () => appendToMatch('MatchReviewed', { match: current.match, rationale, verdict }));
});

$('action-form').addEventListener('submit', async ev => {
  ev.preventDefault();
  const action = $('action-token').value.trim();
  const reference = $('action-reference').value.trim();
  if (!/^[a-z0-9][a-z0-9-]{0,63}$/.test(action) || !reference) {
    say('outcome', 'An action is a lower-case word such as stop-and-speak, arrest or no-action; give a case reference.', 'error');
    return;
  }
  await act('action', () => appendToMatch('MatchActioned', { action, match: current.match, reference }));
});

async function act(what, run) {
  const context = current;
  say('outcome', `Signing the ${what} in this browser and sending it to the ledger\u2026`);
  try {
    const receipt = await run();
    say('outcome', `Recorded: your ${what} is leaf ${number(receipt.leafIndex)} of the log (event hash `
      + `${receipt.eventHash.slice(0, 16)}\u2026, the same as computed in this browser).`, 'ok');
    $('rationale').value = '';
    current = await getJson(`/v1/matches/${encodeURIComponent(context.match)}`);
    renderMatch(current);
    say('outcome', $('outcome').textContent, 'ok');
    await loadQueue();
  } catch (e) {
    say('outcome', e instanceof LedgerProblem ? refusalWords(e, context) : `Not recorded: ${e.message}`, 'error');
  }
}

$('show-crop').addEventListener('click', async () => {
  const status = $('crop-status');
  status.textContent = 'Signing a disclosure (purpose: review) and requesting the crop\u2026';
  try {
    const result = await requestCrop(signer, current);
    drawCrop($('probe-canvas'), result.crop);
    $('probe-canvas').hidden = false;
    status.textContent = `Probe crop disclosed (disclosure event ${result.disclosureHash.slice(0, 16)}\u2026); it ${result.verified}.`;
    status.className = 'message ok';
    const enrolment = $('enrolment-status');
    if (result.enrolment) {
      drawCrop($('enrolment-canvas'), result.enrolment.crop);
      $('enrolment-canvas').hidden = false;
      enrolment.textContent = current && current.entry && current.entry.sealed
        ? 'Enrolment crop disclosed in the same event; its sealed enrolment record matches the commitment in the'
          + ' entry\u2019s leaf (the vault checked before admitting the entry that the crop derives its template).'
        : `Enrolment crop disclosed in the same event; its template is the entry\u2019s template `
          + `${result.enrolment.template} in the log (the vault checked on arrival that the crop derives it).`;
      enrolment.className = 'message ok';
    } else {
      enrolment.textContent = `enrolment image not available: ${result.enrolmentWhy}`;
      enrolment.className = 'message error';
    }
  } catch (e) {
    status.textContent = `crop not available: ${e.message}`;
    status.className = 'message error';
  }
});

// ---- start -------------------------------------------------------------------------------------

async function route() {
  const m = /^#match=(.+)$/.exec(location.hash);
  if (m && token()) {
    await openMatch(decodeURIComponent(m[1]));
  } else {
    show('review', false);
    show('queue', Boolean(token()));
    current = null;
  }
}

window.addEventListener('hashchange', route);
$('back').addEventListener('click', () => { location.hash = ''; loadQueue(); });

(async () => {
  if (!globalThis.crypto?.subtle || !globalThis.indexedDB) {
    say('key-message', 'This browser lacks WebCrypto or IndexedDB (a secure context, https or localhost, is required).', 'error');
  }
  renderTabs();
  renderToken();
  signer = await loadSigner();
  await renderKey();
  await loadQueue();
  await route();
  document.body.dataset.ready = 'true';
})();
