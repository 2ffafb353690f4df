// RadStream operations page: plain browser JavaScript against results-service's own API.
// Worklist: GET /api/v1/worklist/stream (SSE: one "worklist" snapshot, then a "change" per report
// change); alerts: GET /api/v1/alerts?unacknowledged=true, POST /api/v1/alerts/{id}/ack;
// lanes and latency: GET /api/v1/operations.
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

function connectWorklist() {
  const status = document.getElementById('connection');
  const source = new EventSource('api/v1/worklist/stream?size=200');
  source.addEventListener('worklist', event => {
    JSON.parse(event.data).items.forEach(remember);
    renderWorklist();
    status.textContent = 'live';
  });
  source.addEventListener('change', event => {
    const item = JSON.parse(event.data);
    remember(item);
    renderWorklist();
    if (item.studyInstanceUid === selectedStudy) selectStudy(selectedStudy);
    refreshAlerts(); // a change may come with a new alert
  });
  source.onerror = () => { status.textContent = 'reconnecting…'; }; // EventSource retries by itself
}

// ---- selected study ---------------------------------------------------------------------------
async function selectStudy(uid) {
  selectedStudy = uid;
  renderWorklist();
  const response = await fetch('api/v1/studies/' + encodeURIComponent(uid));
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
}

// ---- alerts -----------------------------------------------------------------------------------
async function refreshAlerts() {
  const response = await fetch('api/v1/alerts?unacknowledged=true');
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
  const by = document.getElementById('ack-by').value.trim();
  const error = document.getElementById('ack-error');
  if (!by) {
    error.textContent = 'Enter who acknowledges first.';
    error.hidden = false;
    return;
  }
  localStorage.setItem('radstream.ackBy', by);
  const response = await fetch('api/v1/alerts/' + encodeURIComponent(alertId) + '/ack', {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ by })
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
  const response = await fetch('api/v1/operations').catch(() => null);
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

document.getElementById('ack-by').value = localStorage.getItem('radstream.ackBy') || '';
connectWorklist();
refreshAlerts();
refreshOperations();
setInterval(refreshAlerts, 5000);
setInterval(refreshOperations, 3000);
