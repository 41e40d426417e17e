import { currentSession, onSessionChange, signIn, signOut } from './api.js';
import { setupAlerts } from './alerts.js';
import { setupCalls } from './calls.js';
import { $, clearMessage, showMessage } from './dom.js';
import { setupExport } from './export.js';
import { setupOperations } from './operations.js';
import { currentZone, onZoneChange, setZone, zoneLabel } from './time.js';

function onError(error) {
  showMessage(error?.message || 'Something went wrong.');
}

const calls = setupCalls(onError);
const operations = setupOperations(onError);
const alerts = setupAlerts(onError);
setupExport(onError);

// One zone for every time shown and typed; the choice is kept for the session.
function showZone(zone) {
  $('zone-utc').setAttribute('aria-pressed', String(zone === 'utc'));
  $('zone-local').setAttribute('aria-pressed', String(zone === 'local'));
  for (const name of document.querySelectorAll('.zone-name')) name.textContent = zoneLabel(zone);
}
$('zone-utc').addEventListener('click', () => setZone('utc'));
$('zone-local').addEventListener('click', () => setZone('local'));
onZoneChange(showZone);
showZone(currentZone());

const TABS = ['calls', 'operations', 'alerts', 'export'];
const loaded = new Set();

function selectTab(name, focus = false) {
  for (const t of TABS) {
    const tab = $(`tab-${t}`);
    const on = t === name;
    tab.setAttribute('aria-selected', String(on));
    tab.tabIndex = on ? 0 : -1;
    $(`view-${t}`).hidden = !on;
    if (on && focus) tab.focus();
  }
  // A view loads its first page when first shown; later its Search button refreshes it.
  if (!loaded.has(name)) {
    loaded.add(name);
    if (name === 'calls') void calls.refresh();
    if (name === 'operations') void operations.refresh();
    if (name === 'alerts') void alerts.refresh();
  }
}

for (const t of TABS) $(`tab-${t}`).addEventListener('click', () => selectTab(t));
// Arrow keys move between tabs (WAI-ARIA tabs pattern).
$('workspace').querySelector('[role="tablist"]').addEventListener('keydown', (e) => {
  const current = TABS.findIndex((t) => $(`tab-${t}`).getAttribute('aria-selected') === 'true');
  if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
    e.preventDefault();
    selectTab(TABS[(current + (e.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length], true);
  }
});

function render(session) {
  $('sign-in').hidden = !!session;
  $('workspace').hidden = !session;
  $('who').hidden = !session;
  if (!session) {
    loaded.clear();
    calls.reset();
    operations.reset();
    alerts.reset();
    $('password').value = '';
    $('employee-id').focus();
    return;
  }
  $('who-name').textContent = `Signed in as ${session.employeeId}`;
  selectTab('calls');
  void alerts.refreshBadge();
}

$('sign-in-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const button = e.target.querySelector('button');
  button.disabled = true;
  try {
    await signIn($('employee-id').value.trim(), $('password').value, $('totp').value.trim());
    clearMessage();
  } catch (error) {
    onError(error);
    $('password').select();
  } finally {
    button.disabled = false;
  }
});

// The message floats over the page; a click puts it away.
$('message').addEventListener('click', clearMessage);

$('sign-out').addEventListener('click', () => {
  signOut();
  showMessage('Signed out.', 'info');
});

let shown = null;
onSessionChange((s) => {
  // Re-render only when signing in or out, not on every token refresh.
  if (!!s !== !!shown) render(s);
  shown = s;
});
shown = currentSession();
render(shown);
