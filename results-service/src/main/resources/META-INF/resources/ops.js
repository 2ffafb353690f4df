// RadStream operations page: plain browser JavaScript against results-service's own API.
// Worklist: GET /api/v1/worklist/stream (SSE: one "worklist" snapshot, then a "change" per report
// change); alerts: GET /api/v1/alerts?unacknowledged=true, POST /api/v1/alerts/{id}/ack;
// lanes and latency: GET /api/v1/operations; a selected study's heatmap overlays:
// GET /api/v1/studies/{study}/images/{sop}/artifacts/{n}. Every call carries a bearer token (reader or admin):
// taken once from the URL fragment (#token=..., as ./radstream up prints it) or typed in, and kept in
// sessionStorage (this tab only). The SSE stream is read with fetch, not EventSource, because
// EventSource cannot send an Authorization header, and a token in a query string would land in
// access logs and browser history.
'use strict';

const studies = new Map(); // studyInstanceUid -> worklist item (highest revision seen)
const URGENCY_RANK = { STAT: 0, URGENT: 1, ROUTINE: 2 };
let selectedStudy = null;

function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  if (className) node.className = className;
  return node;
}

function row(cells, className) {
  const tr = el('tr', null, className);
  cells.forEach(cell => tr.appendChild(cell instanceof Node ? wrap(cell) : el('td', cell)));
  return tr;
}

function wrap(node) {
  const td = el('td');
  td.appendChild(node);
  return td;
}

const time = iso => iso ? new Date(iso).toLocaleTimeString() : '';
const seconds = v => v === null || v === undefined ? '–' : (v < 1 ? (v * 1000).toFixed(0) + ' ms' : v.toFixed(1) + ' s');

// ---- sign-in ----------------------------------------------------------------------------------
const TOKEN_KEY = 'radstream.token';

function takeTokenFromFragment() {
  const fragment = new URLSearchParams(location.hash.slice(1));
  if (fragment.has('token')) {
    sessionStorage.setItem(TOKEN_KEY, fragment.get('token'));
    history.replaceState(null, '', location.pathname + location.search); // keep it out of the address bar
  }
}

const token = () => sessionStorage.getItem(TOKEN_KEY);

// Who the token names, for display only (the server verifies the token and decides).
function claims(jwt) {
  try {
    const payload = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(atob(payload));
  } catch (e) {
    return {};
  }
}

function showSignIn(message) {
  document.getElementById('sign-in').hidden = false;
  document.getElementById('signed-in').hidden = true;
  const error = document.getElementById('auth-error');
  error.textContent = message || '';
  error.hidden = !message;
}

function showSignedIn() {
  const who = claims(token());
  document.getElementById('principal').textContent = who.upn || who.preferred_username || who.sub || '?';
  document.getElementById('tenant').textContent = who.tenant || 'no tenant';
  document.getElementById('sign-in').hidden = true;
  document.getElementById('signed-in').hidden = false;
  document.getElementById('auth-error').hidden = true;
}

// fetch with the bearer token; a 401 or 403 asks for another token.
async function api(path, options = {}) {
  const headers = Object.assign({}, options.headers, token() ? { Authorization: 'Bearer ' + token() } : {});
  const response = await fetch(path, Object.assign({}, options, { headers }));
  if (response.status === 401) showSignIn('The token was refused (missing, expired or not signed by the identity provider).');
  if (response.status === 403) showSignIn('This token may not read results (needs the reader or admin role and a tenant).');
  return response;
}

// ---- Server-Sent Events over fetch ------------------------------------------------------------
// Reads a text/event-stream body and calls onEvent(name, data) per event (the SSE wire format:
// "event:" and "data:" lines, a blank line ends an event, ":" lines are comments).
async function readEvents(response, onEvent) {
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let name = 'message';
  let data = [];
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    const lines = buffer.split(/\r?\n/);
    buffer = lines.pop();
    for (const line of lines) {
      if (line === '') {
        if (data.length) onEvent(name, data.join('\n'));
        name = 'message';
        data = [];
      } else if (line.startsWith('event:')) {
        name = line.slice(6).trim();
      } else if (line.startsWith('data:')) {
        data.push(line.slice(5).replace(/^ /, ''));
      }
    }
  }
}

// ---- worklist ---------------------------------------------------------------------------------
function byWorklistOrder(a, b) {
  return (URGENCY_RANK[a.urgency] - URGENCY_RANK[b.urgency]) || (b.score - a.score)
    || a.firstReceivedAt.localeCompare(b.firstReceivedAt) || a.studyInstanceUid.localeCompare(b.studyInstanceUid);
}

function remember(item) {
  const known = studies.get(item.studyInstanceUid);
  if (!known || known.revision <= item.revision) studies.set(item.studyInstanceUid, item);
}

function renderWorklist() {
  const body = document.querySelector('#worklist tbody');
  body.replaceChildren();
  const items = [...studies.values()].sort(byWorklistOrder);
  items.forEach(item => {
    const tr = row([item.urgency, item.studyInstanceUid, item.modality, item.priority, item.status,
      item.score.toFixed(2), item.positiveLabels.join(', '), time(item.firstReceivedAt)],
      'urgency-' + item.urgency + (item.studyInstanceUid === selectedStudy ? ' selected' : ''));
    tr.dataset.study = item.studyInstanceUid;
    tr.addEventListener('click', () => selectStudy(item.studyInstanceUid));
    body.appendChild(tr);
  });
  document.getElementById('worklist-count').textContent = items.length;
  document.getElementById('no-studies').hidden = items.length > 0;
}

function onWorklistEvent(name, data) {
  if (name === 'worklist') {
    JSON.parse(data).items.forEach(remember);
    renderWorklist();
    document.getElementById('connection').textContent = 'live';
  } else if (name === 'change') {
    const item = JSON.parse(data);
    remember(item);
    renderWorklist();
    if (item.studyInstanceUid === selectedStudy) selectStudy(selectedStudy);
    refreshAlerts(); // a change may come with a new alert
  }
}

// Keeps one stream open while signed in; reconnects after a drop, as EventSource would.
let stream = null; // the AbortController of the open stream

async function connectWorklist() {
  if (stream) stream.abort();
  const mine = stream = new AbortController();
  const status = document.getElementById('connection');
  const response = await api('api/v1/worklist/stream?size=200',
    { headers: { Accept: 'text/event-stream' }, signal: mine.signal }).catch(() => null);
  if (response && response.ok) {
    await readEvents(response, onWorklistEvent).catch(() => null);
  }
  if (mine.signal.aborted) return; // replaced by a new sign-in, or signed out
  status.textContent = 'reconnecting…';
  if (response && (response.status === 401 || response.status === 403)) return; // waits for a new sign-in
  setTimeout(() => { if (stream === mine) connectWorklist(); }, 3000);
}

// ---- selected study ---------------------------------------------------------------------------
async function selectStudy(uid) {
  selectedStudy = uid;
  renderWorklist();
  const response = await api('api/v1/studies/' + encodeURIComponent(uid));
  if (!response.ok) return;
  const report = await response.json();
  document.getElementById('study-section').hidden = false;
  document.getElementById('study-uid').textContent = uid + ' — ' + report.status;
  const table = el('table');
  table.appendChild(row(['Label', 'Score', 'Threshold', 'Positive images', 'Models', 'Agreement'].map(h => el('th', h))));
  report.labels.forEach(label => table.appendChild(row([label.display || label.label, label.maxScore.toFixed(2),
    label.threshold.toFixed(2), label.positiveImages, label.models.join(', '),
    label.disagreement ? 'models disagree' : 'agree'], label.positive ? 'urgency-' + label.urgency : '')));
  const detail = document.getElementById('study-detail');
  detail.replaceChildren(table);
  (report.measurements || []).forEach(m => detail.appendChild(el('p', m.name + ': ' + m.value.toFixed(1) + ' ' + m.unit)));
  detail.appendChild(derivedImages(report.images));
}

// Heatmap overlays (and masks, enhanced images) of the selected study's images. Each is read with the
// bearer token (an <img src> cannot send one) once, and kept as an object URL: artifacts never change.
const artifactUrls = new Map(); // API url -> object URL
function derivedImages(images) {
  const gallery = el('div', null, 'artifacts');
  images.forEach(image => (image.artifacts || []).forEach(artifact => {
    const figure = el('figure', null, 'artifact ' + artifact.kind.toLowerCase());
    const img = el('img');
    img.alt = artifact.kind.toLowerCase() + ' ' + (artifact.label || '') + ' (' + artifact.model + ')';
    figure.appendChild(img);
    figure.appendChild(el('figcaption', img.alt + ' — image …' + image.sopInstanceUid.slice(-12)));
    gallery.appendChild(figure);
    showArtifact(img, artifact.url);
  }));
  return gallery;
}

async function showArtifact(img, url) {
  if (!artifactUrls.has(url)) {
    const response = await api(url).catch(() => null);
    if (!response || !response.ok) {
      img.replaceWith(el('span', 'not available (' + (response ? response.status : 'offline') + ')', 'error'));
      return;
    }
    artifactUrls.set(url, URL.createObjectURL(await response.blob()));
  }
  img.src = artifactUrls.get(url);
}

// ---- alerts -----------------------------------------------------------------------------------
async function refreshAlerts() {
  if (!token()) return;
  const response = await api('api/v1/alerts?unacknowledged=true');
  if (!response.ok) return;
  const alerts = await response.json();
  const body = document.querySelector('#alerts tbody');
  body.replaceChildren();
  alerts.forEach(alert => {
    const ack = el('button', 'Acknowledge', 'ack');
    ack.dataset.alert = alert.alertId;
    ack.addEventListener('click', () => acknowledge(alert.alertId));
    const tr = row([alert.urgency, alert.display || alert.label, alert.score.toFixed(2), alert.studyInstanceUid,
      time(alert.raisedAt), alert.escalationLevel, ack], 'urgency-' + alert.urgency);
    tr.dataset.alert = alert.alertId;
    body.appendChild(tr);
  });
  document.getElementById('alert-count').textContent = alerts.length;
  document.getElementById('no-alerts').hidden = alerts.length > 0;
}

async function acknowledge(alertId) {
  const error = document.getElementById('ack-error');
  const response = await api('api/v1/alerts/' + encodeURIComponent(alertId) + '/ack', {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}'
  });
  if (response.ok) {
    error.hidden = true;
  } else {
    const body = await response.json().catch(() => ({}));
    error.textContent = 'Acknowledgement failed: ' + (body.message || response.status);
    error.hidden = false;
  }
  await refreshAlerts();
}

// ---- lanes and latency ------------------------------------------------------------------------
async function refreshOperations() {
  const error = document.getElementById('ops-error');
  if (!token()) return;
  const response = await api('api/v1/operations').catch(() => null);
  if (response && (response.status === 401 || response.status === 403)) return;
  if (!response || !response.ok) {
    error.textContent = 'Lane figures unavailable (Kafka not answering); retrying.';
    error.hidden = false;
    return;
  }
  error.hidden = true;
  const ops = await response.json();
  const lanes = document.querySelector('#lanes tbody');
  lanes.replaceChildren(...ops.lanes.map(l => row([l.lane, l.imagesPerSecond.toFixed(1), l.lag, l.published],
    'urgency-' + (l.lane === 'STAT' ? 'STAT' : 'ROUTINE'))));
  const names = { 'radstream.results.upload.to.alert': 'upload → alert', 'radstream.results.time.to.ack': 'alert → acknowledged' };
  const latency = document.querySelector('#latency tbody');
  latency.replaceChildren(...ops.latency.map(p => row([names[p.name] || p.name, p.urgency, p.count,
    seconds(p.p50), seconds(p.p95), seconds(p.p99)])));
}

function start() {
  showSignedIn();
  connectWorklist();
  refreshAlerts();
  refreshOperations();
}

document.getElementById('sign-in').addEventListener('submit', event => {
  event.preventDefault();
  const typed = document.getElementById('token').value.trim().replace(/^Bearer\s+/i, '');
  if (!typed) return;
  sessionStorage.setItem(TOKEN_KEY, typed);
  document.getElementById('token').value = '';
  start();
});
document.getElementById('sign-out').addEventListener('click', () => {
  sessionStorage.removeItem(TOKEN_KEY);
  if (stream) stream.abort();
  document.getElementById('connection').textContent = 'signed out';
  studies.clear();
  artifactUrls.forEach(objectUrl => URL.revokeObjectURL(objectUrl));
  artifactUrls.clear();
  selectedStudy = null;
  document.getElementById('study-section').hidden = true;
  renderWorklist();
  showSignIn();
});

takeTokenFromFragment();
if (token()) start(); else { showSignIn(); document.getElementById('connection').textContent = 'signed out'; }
setInterval(refreshAlerts, 5000);
setInterval(refreshOperations, 3000);
