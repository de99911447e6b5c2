// Framesmith web page: plain ES module, no build step. Every user-supplied string reaches the page through
// textContent or attributes set by the DOM API, never through innerHTML.

// The session lives in localStorage so that a new tab or a reload keeps it (see `setToken`).
const TOKEN_KEY = 'framesmith.token';
const EMAIL_KEY = 'framesmith.email';
const FAILED_KEY = 'framesmith.failed-uploads';
// Written just before the token is removed on a log-out on purpose, so other tabs tell it from an ended session.
const LOGOUT_KEY = 'framesmith.logout';
const DIRECT_UPLOAD_THRESHOLD = 50 * 1024 * 1024;
// An upload the server refuses for now (429 or 503 with Retry-After) waits and goes again by itself this many times.
const BUSY_RETRIES = 10;
const POLL_MS = 5000;
const CLOCK_MS = 30000;
const TERMINAL = new Set(['DONE', 'FAILED', 'EXPIRED', 'DELETED']);
const STATUS_TEXT = {
  UPLOADING: 'Uploading',
  UPLOADED: 'Uploaded',
  WAITING: 'Waiting',
  QUEUED: 'Queued',
  PROCESSING: 'Processing',
  DONE: 'Done',
  FAILED: 'Failed',
  EXPIRED: 'Expired',
  DELETED: 'Deleted',
};

const $ = (id) => document.getElementById(id);

const REFRESH_RETRY_MS = 10000;
const REFRESH_MARGIN_MS = 60 * 1000;
// Direct-upload URLs are renewed when they have less than this left to live (and when storage says one expired).
const URL_RENEW_MARGIN_MS = 60 * 1000;
const RESET_KEY = 'reset-password';
const DOWNLOAD_KEY = 'download';
const NOT_VERIFIED = 'https://framesmith.dev/problems/email-not-verified';
const PROBLEM = 'https://framesmith.dev/problems/';

const state = {
  token: null,
  userId: null,
  refreshTimer: null,
  emailVerified: true,
  pendingDownload: null,
  /** The token of a confirmation link opened while logged out: sent once the user has logged in. */
  pendingConfirmation: null,
  videos: new Map(),
  order: [],
  /**
   * When each video was last heard of, as a count of changes: an answer asked for before that is older than what the
   * page shows (a list or a video read while an event or an upload's answer came), and does not overwrite it.
   */
  heardAt: new Map(),
  changes: 0,
  nextCursor: null,
  /** Whether older pages were shown ("Show older videos"): a refresh of the first page keeps them. */
  olderLoaded: false,
  events: null,
  live: false,
  pollTimer: null,
  clockTimer: null,
  /** Files chosen and not yet sent: {key, file, facts}. */
  selection: [],
  /** Uploads of this page, by key: see `Transfer`. */
  transfers: new Map(),
  previews: new Map(),
  reloadTimer: null,
  /** Videos the answers to this page's uploads named: never taken for the leftovers of a cancelled one. */
  answered: new Set(),
  /** What an upload may be (GET /videos/limits); null until read, and then only the server checks. */
  limits: null,
};
/**
 * Keys of chosen files and uploads. They name failed uploads in the storage the tabs of a browser share, so each page
 * starts them somewhere of its own.
 */
let nextKey = Math.floor(Math.random() * 2 ** 40) * 1024 + 1;

// ---------------------------------------------------------------- HTTP

class ApiError extends Error {
  /** `retryAfter`: the milliseconds of a Retry-After header, or null. */
  constructor(status, problem, retryAfter = null) {
    super(describeProblem(status, problem));
    this.status = status;
    this.problem = problem;
    this.retryAfter = retryAfter;
  }

  get type() {
    return (this.problem && this.problem.type) || '';
  }
}

function describeProblem(status, problem) {
  if (problem && Array.isArray(problem.errors) && problem.errors.length > 0) {
    return problem.errors.map((e) => fieldSentence(e.field, e.message)).join(' ');
  }
  if (problem && (problem.detail || problem.title)) {
    return problem.detail || problem.title;
  }
  if (status === 0) {
    return 'The server cannot be reached. Check your connection and try again.';
  }
  return `The request failed (HTTP ${status}).`;
}

/** A Retry-After header (seconds, or an HTTP date) in milliseconds, between 1 s and 5 minutes; null without one. */
function retryAfterOf(value) {
  if (!value) {
    return null;
  }
  const seconds = /^\d+$/.test(value.trim()) ? Number(value) : (Date.parse(value) - Date.now()) / 1000;
  return Number.isFinite(seconds) ? Math.min(300, Math.max(1, seconds)) * 1000 : null;
}

const FIELD_LABELS = { email: 'The e-mail address', password: 'The password', name: 'The name', fps: 'Frames per second',
  maxWidth: 'The maximum width', format: 'The format', files: 'The file' };

/** "password", "must be between 8 and 72 bytes long in UTF-8" → "The password must be between … UTF-8." */
function fieldSentence(field, message) {
  const label = FIELD_LABELS[field] || (field ? field.charAt(0).toUpperCase() + field.slice(1) : '');
  return sentence(label ? `${label} ${message}` : message);
}

/** The text with one full stop at its end, whatever it ended with. */
function sentence(text) {
  const trimmed = String(text || '').trim();
  return !trimmed || /[.!?…]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

async function readProblem(response) {
  try {
    const type = response.headers.get('Content-Type') || '';
    return type.includes('json') ? await response.json() : null;
  } catch {
    return null;
  }
}

async function api(path, { method = 'GET', body, headers = {}, auth = true } = {}) {
  const init = { method, headers: { Accept: 'application/json', ...headers } };
  if (auth && state.token) {
    init.headers.Authorization = `Bearer ${state.token}`;
  }
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch {
    throw new ApiError(0, null);
  }
  if (response.status === 401 && auth) {
    sessionExpired();
    throw new ApiError(401, await readProblem(response));
  }
  if (!response.ok) {
    throw new ApiError(response.status, await readProblem(response), retryAfterOf(response.headers.get('Retry-After')));
  }
  if (response.status === 204) {
    return null;
  }
  const type = response.headers.get('Content-Type') || '';
  return type.includes('json') ? response.json() : null;
}

/** XHR, for upload progress and cancelling. Resolves with {status, header, body}; `transfer.xhr` is the request. */
function send({ method, url, body, headers = {}, onProgress, transfer }) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    transfer.xhr = xhr;
    transfer.bodySent = false;
    xhr.open(method, url);
    Object.entries(headers).forEach(([name, value]) => xhr.setRequestHeader(name, value));
    xhr.upload.addEventListener('load', () => {
      transfer.bodySent = true;
    });
    xhr.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable && onProgress) {
        onProgress(event.loaded, event.total);
      }
    });
    xhr.addEventListener('load', () => {
      transfer.xhr = null;
      let parsed = null;
      const type = xhr.getResponseHeader('Content-Type') || '';
      if (type.includes('json') && xhr.responseText) {
        try {
          parsed = JSON.parse(xhr.responseText);
        } catch {
          parsed = null;
        }
      }
      resolve({ status: xhr.status, header: (name) => xhr.getResponseHeader(name), body: parsed });
    });
    xhr.addEventListener('error', () => {
      transfer.xhr = null;
      reject(new ApiError(0, null));
    });
    xhr.addEventListener('abort', () => {
      transfer.xhr = null;
      reject(new CancelledError());
    });
    xhr.send(body);
  });
}

class CancelledError extends Error {
  constructor() {
    super('The upload was cancelled.');
  }
}

// ---------------------------------------------------------------- messages

/**
 * Screen-reader announcements: each one is a new paragraph in the live region, so the screen reader queues them
 * instead of one overwriting the other; old ones are pruned.
 */
function announce(text) {
  const announcer = $('announcer');
  const line = document.createElement('p');
  line.textContent = sentence(text);
  announcer.append(line);
  while (announcer.children.length > 8) {
    announcer.firstElementChild.remove();
  }
  window.setTimeout(() => line.remove(), 20000);
}

/** A message above a form or list: errors are alerts, information a polite status. */
function showMessage(id, text, kind = 'error') {
  const element = $(id);
  const role = kind === 'info' ? 'status' : 'alert';
  if (element.getAttribute('role') !== role) {
    element.textContent = '';
    element.setAttribute('role', role);
  }
  element.textContent = text;
  element.classList.toggle('info', kind === 'info');
  element.hidden = !text;
}

// ---------------------------------------------------------------- field errors

/** Marks a field invalid with its message next to it (aria-invalid, aria-describedby). */
function setFieldError(input, text) {
  const error = $(`${input.id}-error`);
  if (!error) {
    return;
  }
  const described = (input.getAttribute('aria-describedby') || '').split(' ').filter((id) => id && id !== error.id);
  if (text) {
    error.textContent = sentence(text);
    error.hidden = false;
    input.setAttribute('aria-invalid', 'true');
    described.push(error.id);
  } else {
    error.textContent = '';
    error.hidden = true;
    input.removeAttribute('aria-invalid');
  }
  if (described.length > 0) {
    input.setAttribute('aria-describedby', described.join(' '));
  } else {
    input.removeAttribute('aria-describedby');
  }
}

function clearFieldErrors(form) {
  form.querySelectorAll('[aria-invalid]').forEach((input) => setFieldError(input, ''));
}

/**
 * Shows each error next to its field, in the order of the form, and moves the focus to the first one.
 *
 * @param errors {field name → message}
 * @return whether there was any
 */
function showFieldErrors(form, errors) {
  const invalid = [...form.querySelectorAll('input, select')].filter((input) => errors[input.name]);
  invalid.forEach((input) => setFieldError(input, errors[input.name]));
  if (invalid.length > 0) {
    invalid[0].focus();
    announce(invalid.map((input) => errors[input.name]).join(' '));
  }
  return invalid.length > 0;
}

/** The errors by field, worded for people: the page's own checks, or a validation problem's; {} otherwise. */
function problemFields(error) {
  if (error.fields) {
    return error.fields;
  }
  const fields = {};
  const list = (error.problem && Array.isArray(error.problem.errors)) ? error.problem.errors : [];
  list.forEach((e) => {
    if (e.field && !fields[e.field]) {
      fields[e.field] = fieldSentence(e.field, e.message);
    }
  });
  return fields;
}

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function utf8Length(text) {
  return new TextEncoder().encode(text).length;
}

/** The checks the server makes, made first here: {field → message}. */
function checkAccount({ name, email, password }) {
  const errors = {};
  if (name !== undefined && !name.trim()) {
    errors.name = 'Enter your name.';
  }
  if (email !== undefined) {
    if (!email.trim()) {
      errors.email = 'Enter your e-mail address.';
    } else if (!EMAIL_PATTERN.test(email.trim())) {
      errors.email = 'Enter an e-mail address like ada@example.com.';
    }
  }
  if (password !== undefined) {
    if (!password) {
      errors.password = 'Enter a password.';
    } else if (utf8Length(password) < 8 || utf8Length(password) > 72) {
      errors.password = 'The password must be 8 to 72 bytes long (most characters are one byte).';
    } else if (!password.trim()) {
      errors.password = 'The password cannot be only spaces.';
    }
  }
  return errors;
}

// ---------------------------------------------------------------- session

/**
 * The access token is kept in localStorage, so a reload or a new tab stays logged in until it expires (15 minutes,
 * refreshed by the page for at most 12 hours after the password was given), and a log-out in one tab logs out every
 * tab. A script running in the page could read it there as it could from sessionStorage or memory; the page runs
 * only its own scripts, builds no HTML from text and the token is useless after its short life.
 */
function setToken(token) {
  state.token = token;
  state.userId = token ? subjectOf(token) : state.userId;
  window.clearTimeout(state.refreshTimer);
  state.refreshTimer = null;
  if (token) {
    localStorage.setItem(TOKEN_KEY, token);
    scheduleRefresh(token);
  } else {
    localStorage.removeItem(TOKEN_KEY);
  }
}

function claimsOf(token) {
  try {
    const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(atob(payload)) || {};
  } catch {
    return {};
  }
}

/** Seconds since the epoch when the token expires, from its payload; 0 when it cannot be read. */
function expiryOf(token) {
  return Number(claimsOf(token).exp) || 0;
}

function subjectOf(token) {
  return claimsOf(token).sub || null;
}

/** The stored token, if it is still valid for a while. */
function storedToken() {
  const token = localStorage.getItem(TOKEN_KEY);
  if (token && expiryOf(token) * 1000 > Date.now() + 5000) {
    return token;
  }
  localStorage.removeItem(TOKEN_KEY);
  return null;
}

/**
 * Access tokens are short-lived: a fresh one is fetched a minute before this one expires, and asked for again every
 * few seconds while that fails for a passing reason (the network, ms-auth restarting) and the token still holds.
 */
function scheduleRefresh(token) {
  const expires = expiryOf(token) * 1000;
  if (expires > 0) {
    refreshIn(Math.max(5000, expires - Date.now() - REFRESH_MARGIN_MS), token);
  }
}

function refreshIn(delay, token) {
  state.refreshTimer = window.setTimeout(() => refreshToken().catch(() => {
    if (state.token === token && expiryOf(token) * 1000 > Date.now() + REFRESH_RETRY_MS) {
      refreshIn(REFRESH_RETRY_MS, token);
    }
  }), delay);
}

async function refreshToken() {
  const result = await api('/auth/refresh', { method: 'POST' });
  setToken(result.accessToken);
}

/**
 * The server no longer takes the token: back to the log-in form with the e-mail filled in, keeping what the user was
 * doing (chosen files, uploads, the list) until the same person logs in again.
 */
function sessionExpired() {
  if (!state.token) {
    return;
  }
  setToken(null);
  stopLive();
  state.transfers.forEach((transfer) => {
    if (transfer.status === 'uploading' && !transfer.xhr) {
      transfer.status = 'paused';
    }
  });
  showAuth();
  showMessage('auth-message', 'Your session has ended. Log in again: your chosen files and uploads are kept.',
    'info');
  const email = localStorage.getItem(EMAIL_KEY) || '';
  $('login-email').value = email;
  (email ? $('login-password') : $('login-email')).focus();
}

/** Logging out on purpose: uploads in progress are cancelled (their videos removed), then everything is forgotten. */
async function logout() {
  const running = [...state.transfers.values()]
    .filter((transfer) => transfer.status === 'uploading' || transfer.status === 'waiting');
  const one = running.length === 1;
  if (running.length > 0 && !window.confirm(`${running.length} upload${one ? ' is' : 's are'} in progress.`
      + ` Logging out cancels ${one ? 'it' : 'them'}. Log out?`)) {
    return false;
  }
  await cancelAllTransfers();
  // On purpose: the names of failed uploads are forgotten too (an ended session keeps them).
  localStorage.removeItem(failedKey());
  localStorage.setItem(LOGOUT_KEY, JSON.stringify({ user: state.userId, at: Date.now() }));
  setToken(null);
  state.userId = null;
  forgetWork();
  showAuth();
  return true;
}

/**
 * Every upload of this page cancelled (queued, running, paused or failed): transfers aborted and the videos they
 * created removed, with the token still held.
 */
async function cancelAllTransfers() {
  const all = [...state.transfers.values()];
  // None of them is started by another one's end.
  all.forEach((transfer) => {
    transfer.status = 'cancelled';
  });
  await Promise.allSettled(all.map((transfer) => cancelTransfer(transfer, { quiet: true })));
}

/** Whether the token was just removed by a log-out on purpose (in another tab), not by an ended session. */
function loggedOutOnPurpose() {
  try {
    const mark = JSON.parse(localStorage.getItem(LOGOUT_KEY) || 'null');
    return Boolean(mark) && mark.user === state.userId && Date.now() - Number(mark.at) < 60000;
  } catch {
    return false;
  }
}

/**
 * The token this tab holds is given up without touching the stored one (which another tab owns now): a log-out or a
 * log-in elsewhere.
 */
function dropToken() {
  window.clearTimeout(state.refreshTimer);
  state.refreshTimer = null;
  state.token = null;
}

/**
 * Logged out in another tab: this tab's uploads stop and their videos go, as with a log-out here. The token is still
 * in memory for the deletions, then forgotten.
 */
async function loggedOutElsewhere() {
  window.clearTimeout(state.refreshTimer);
  stopLive();
  await cancelAllTransfers();
  dropToken();
  state.userId = null;
  forgetWork();
  showAuth();
  showMessage('auth-message', 'You logged out in another window.', 'info');
}

/**
 * Someone else logged in in another tab: nothing of the previous user's stays here, and none of their uploads goes on
 * under the new token (while this tab still holds the previous user's token, their uploads are cancelled with it).
 */
async function otherUserLoggedIn(token) {
  window.clearTimeout(state.refreshTimer);
  stopLive();
  if (state.token) {
    await cancelAllTransfers();
  }
  dropToken();
  forgetWork();
  localStorage.removeItem(LOGOUT_KEY);
  setToken(token);
  await showApp();
}

/** Forgets the user's selection, uploads and list (a log-out, or someone else logging in). */
function forgetWork() {
  stopLive();
  state.transfers.forEach((transfer) => transfer.xhr && transfer.xhr.abort());
  state.transfers.clear();
  state.selection = [];
  state.pendingConfirmation = null;
  state.videos.clear();
  state.heardAt.clear();
  state.order = [];
  state.nextCursor = null;
  state.olderLoaded = false;
  state.previews.clear();
  $('videos').replaceChildren();
  $('uploads').replaceChildren();
  renderSelection();
}

function showAuth() {
  $('app-view').hidden = true;
  $('session').hidden = true;
  $('auth-view').hidden = false;
  $('who').textContent = '';
  window.clearInterval(state.clockTimer);
  state.clockTimer = null;
}

/** The log-in and sign-up forms, or one of the password forms in their place. */
function showPanel(id) {
  document.querySelector('.auth-forms').hidden = id !== null;
  ['forgot-form', 'reset-form'].forEach((panel) => {
    $(panel).hidden = panel !== id;
  });
}

/**
 * The links of the account e-mails open this page with a token after '#verify-email=' or '#reset-password='; the
 * "frames ready" e-mail opens it with the video after '#download=', and the page (logged in) asks for a fresh
 * short-lived link to the ZIP. The fragment never reaches a server; it is read once and removed from the address
 * bar and the history.
 */
function takeLanding() {
  const match = /^#(verify-email|reset-password)=([A-Za-z0-9_-]{16,128})$/.exec(window.location.hash)
    || /^#(download)=([A-Za-z0-9-]{1,64})$/.exec(window.location.hash);
  if (window.location.hash) {
    window.history.replaceState(null, '', window.location.pathname + window.location.search);
  }
  return match ? { kind: match[1], token: match[2] } : null;
}

/**
 * Confirms the address with the link's token, in the session of the account it was sent for: the link alone does
 * not do it, so that the owner of an address someone else registered cannot confirm an account whose password that
 * registrant knows (a password reset gives it to the owner instead).
 */
async function confirmEmail(token) {
  try {
    await api('/auth/verify-email', { method: 'POST', body: { token } });
  } catch (error) {
    if (error.status === 401) {
      // The session ended: the login it asks for sends the link again.
      state.pendingConfirmation = token;
    } else {
      showMessage('upload-message', error.message);
    }
    return;
  }
  await recheckVerification().catch(() => {});
  showMessage('upload-message', 'Your e-mail address is confirmed. You can upload videos now.', 'info');
}

async function land(landing) {
  if (landing.kind === DOWNLOAD_KEY) {
    if (state.token) {
      await showApp();
      await downloadFromEmail(landing.token);
    } else {
      state.pendingDownload = landing.token;
      showAuth();
      showMessage('auth-message', 'Log in to download your frames.', 'info');
    }
    return;
  }
  if (landing.kind === RESET_KEY) {
    showAuth();
    showPanel('reset-form');
    $('reset-form').dataset.token = landing.token;
    $('reset-password').focus();
    return;
  }
  if (state.token) {
    await showApp();
    await confirmEmail(landing.token);
  } else {
    state.pendingConfirmation = landing.token;
    showAuth();
    showMessage('auth-message', 'Log in to confirm your e-mail address.', 'info');
  }
}

async function showApp() {
  $('auth-view').hidden = true;
  $('app-view').hidden = false;
  $('session').hidden = false;
  showMessage('auth-message', '');
  const limits = loadLimits();
  try {
    const me = await api('/auth/me');
    $('who').textContent = (me && (me.name || me.email)) || '';
    $('who').title = (me && me.email) || '';
    if (me && me.email) {
      localStorage.setItem(EMAIL_KEY, me.email);
    }
    showVerification(me);
  } catch (error) {
    if (error.status === 401) {
      return;
    }
  }
  await limits;
  render();
  renderSelection();
  restoreFailedUploads();
  await loadVideos();
  startLive();
  state.clockTimer = window.setInterval(render, CLOCK_MS);
  resumePausedTransfers();
}

/** Until the address is confirmed: the banner with "send again", and no uploads. */
function showVerification(me) {
  state.emailVerified = Boolean(me && me.emailVerified);
  $('verify-banner').hidden = state.emailVerified;
  $('verify-address').textContent = (me && me.email) || '';
  $('upload-button').disabled = !state.emailVerified;
  $('files').disabled = !state.emailVerified;
  $('upload-locked').hidden = state.emailVerified;
}

/** After a confirmation (here or in another tab): a token that says so, and the page unlocked. */
async function recheckVerification() {
  await refreshToken();
  showVerification(await api('/auth/me'));
}

/** A form's submit: its button disabled while the action runs, field errors cleared first, a failure shown. */
function onSubmit(id, action) {
  $(id).addEventListener('submit', async (event) => {
    event.preventDefault();
    const form = event.currentTarget;
    const button = form.querySelector('button[type=submit]');
    clearFieldErrors(form);
    showMessage('auth-message', '');
    button.setAttribute('aria-busy', 'true');
    try {
      await whileDisabled(button, () => action(form));
    } catch (error) {
      // The message is an alert: read once, not announced a second time.
      if (!showFieldErrors(form, problemFields(error))) {
        showMessage('auth-message', error.message);
      }
    } finally {
      button.removeAttribute('aria-busy');
    }
  });
}

/**
 * Runs an action with its button disabled. A focused button that is disabled hands the focus to the page, so
 * the focus goes back to the button afterwards unless the action has put it somewhere else meanwhile.
 */
async function whileDisabled(button, action) {
  button.disabled = true;
  try {
    return await action();
  } finally {
    button.disabled = false;
    if (button.isConnected && (!document.activeElement || document.activeElement === document.body)) {
      button.focus();
    }
  }
}

function fieldValue(form, name) {
  return form.elements.namedItem(name).value;
}

class FieldErrors extends Error {
  constructor(fields) {
    super('Some fields are not valid.');
    this.fields = fields;
  }
}

/** Throws the client-side errors of a form's fields, shown like the server's. */
function requireValid(fields) {
  const errors = checkAccount(fields);
  if (Object.keys(errors).length > 0) {
    throw new FieldErrors(errors);
  }
}

async function login(email, password) {
  const result = await api('/auth/login', { method: 'POST', body: { email, password }, auth: false });
  const previous = state.userId;
  localStorage.removeItem(LOGOUT_KEY);
  setToken(result.accessToken);
  localStorage.setItem(EMAIL_KEY, email);
  if (previous && previous !== state.userId) {
    // Someone else logs in on this page: nothing of the previous user's stays.
    forgetWork();
  }
}

/** After logging in: the top of the page, the focus on its heading (not a frame around the whole page). */
async function enterApp(text) {
  const shown = showApp();
  window.scrollTo(0, 0);
  $('app-title').focus({ preventScroll: true });
  announce(text);
  await shown;
}

function wireAuthForms() {
  onSubmit('login-form', async (form) => {
    const email = fieldValue(form, 'email').trim();
    const password = fieldValue(form, 'password');
    const errors = {};
    if (!email) {
      errors.email = 'Enter your e-mail address.';
    }
    if (!password) {
      errors.password = 'Enter your password.';
    }
    if (Object.keys(errors).length > 0) {
      throw new FieldErrors(errors);
    }
    await login(email, password);
    form.reset();
    await enterApp('Logged in.');
    if (state.pendingConfirmation) {
      const token = state.pendingConfirmation;
      state.pendingConfirmation = null;
      await confirmEmail(token);
    }
    if (state.pendingDownload) {
      const id = state.pendingDownload;
      state.pendingDownload = null;
      await downloadFromEmail(id);
    }
  });

  onSubmit('register-form', async (form) => {
    const email = fieldValue(form, 'email').trim();
    const password = fieldValue(form, 'password');
    const name = fieldValue(form, 'name').trim();
    requireValid({ name, email, password });
    try {
      await api('/auth/register', { method: 'POST', body: { email, password, name }, auth: false });
    } catch (error) {
      if (error.type === `${PROBLEM}email-taken`) {
        throw new FieldErrors({ email: 'An account with this e-mail address exists already. Log in, or reset the'
          + ' password.' });
      }
      throw error;
    }
    await login(email, password);
    form.reset();
    await enterApp('Account created. Check your mailbox to confirm your e-mail address.');
  });

  $('forgot').addEventListener('click', () => {
    showPanel('forgot-form');
    $('forgot-email').value = $('login-email').value;
    $('forgot-email').focus();
  });
  $('forgot-form').querySelector('[data-close]').addEventListener('click', () => {
    showPanel(null);
    $('forgot').focus();
  });

  onSubmit('forgot-form', async (form) => {
    const email = fieldValue(form, 'email').trim();
    requireValid({ email });
    await api('/auth/password-reset', { method: 'POST', body: { email }, auth: false });
    form.reset();
    showPanel(null);
    showMessage('auth-message', 'If this address has an account, we sent it a link to reset the password. '
      + 'The link works for 30 minutes.', 'info');
    $('login-email').focus();
  });

  onSubmit('reset-form', async (form) => {
    const password = fieldValue(form, 'password');
    requireValid({ password });
    await api('/auth/password-reset/confirm', { method: 'POST',
      body: { token: form.dataset.token, password }, auth: false });
    form.reset();
    delete form.dataset.token;
    showPanel(null);
    showMessage('auth-message', 'Your password is changed. Log in with the new one.', 'info');
    $('login-email').focus();
  });

  $('resend').addEventListener('click', async () => {
    try {
      await whileDisabled($('resend'), () => api('/auth/verify-email/resend', { method: 'POST' }));
      showMessage('upload-message', 'We sent a new link. Links sent before no longer work.', 'info');
    } catch (error) {
      if (error.status === 409) {
        await recheckVerification().catch(() => {});
      } else if (error.status !== 401) {
        showMessage('upload-message', error.message);
      }
    }
  });

  $('logout').addEventListener('click', async () => {
    if (await logout()) {
      announce('Logged out.');
      $('login-email').focus();
    }
  });

  // Another tab logged in, refreshed the token or logged out.
  window.addEventListener('storage', (event) => {
    if (event.key !== TOKEN_KEY) {
      return;
    }
    if (event.newValue && expiryOf(event.newValue) * 1000 > Date.now()) {
      if (state.userId && subjectOf(event.newValue) !== state.userId) {
        otherUserLoggedIn(event.newValue);
        return;
      }
      const wasOut = !state.token;
      setToken(event.newValue);
      if (wasOut) {
        localStorage.removeItem(LOGOUT_KEY);
        showApp();
      }
    } else if (!event.newValue && state.token) {
      if (loggedOutOnPurpose()) {
        loggedOutElsewhere();
      } else {
        // The session ended (in another tab first): the work here is kept for the next log-in, as in that tab.
        sessionExpired();
      }
    }
  });
}

// ---------------------------------------------------------------- videos

function videoId(video) {
  return video.id || video.videoId;
}

function listOf(page) {
  if (Array.isArray(page)) {
    return page;
  }
  return (page && (page.items || page.videos || page.content)) || [];
}

async function loadVideos({ more = false } = {}) {
  const params = new URLSearchParams();
  if (more && state.nextCursor) {
    params.set('cursor', state.nextCursor);
  }
  const query = params.toString();
  // Videos this page started sending before the list was asked for are in it unless deleted meanwhile.
  const sending = new Set([...state.transfers.values()].map((transfer) => transfer.videoId).filter(Boolean));
  const asked = state.changes;
  try {
    const page = await api(`/videos${query ? `?${query}` : ''}`);
    const listed = listOf(page);
    const cursor = (page && !Array.isArray(page) && (page.nextCursor || page.cursor)) || null;
    if (!more) {
      // A refresh shows the first page again; what is no longer listed was deleted (elsewhere, say). Older videos
      // shown with "Show older videos" are beyond that page: they stay.
      const ids = new Set(listed.map(videoId));
      const keepOlder = state.olderLoaded && cursor && listed.length > 0;
      const oldest = keepOlder ? Math.min(...listed.map(createdOf)) : -Infinity;
      [...state.videos.keys()].filter((id) => !ids.has(id) && (!transferOf(id) || sending.has(id))
          && createdOf(state.videos.get(id)) >= oldest && !heardSince(id, asked))
        .forEach((id) => upsert({ id, status: 'DELETED' }));
      if (!keepOlder) {
        state.olderLoaded = false;
        state.nextCursor = cursor;
      }
    } else {
      state.olderLoaded = true;
      state.nextCursor = cursor;
    }
    // Known videos whose status changed are announced, as with live updates.
    listed.filter((video) => !heardSince(videoId(video), asked))
      .forEach((video) => upsert(video.status === 'WAITING' ? video : { queuePosition: null, ...video }));
    showMessage('videos-message', '');
    render();
  } catch (error) {
    if (error.status !== 401) {
      showMessage('videos-message', error.message);
    }
  }
}

/** The list again soon (queue positions move when a video starts or ends); one reload for a burst of changes. */
function reloadSoon() {
  if (!state.reloadTimer) {
    state.reloadTimer = window.setTimeout(() => {
      state.reloadTimer = null;
      if (state.token) {
        loadVideos();
      }
    }, 1000);
  }
}

/** Whether the page heard of the video after the given count of changes. */
function heardSince(id, changes) {
  return (state.heardAt.get(id) || 0) > changes;
}

/** Merges what is known about a video; announces status changes unless quiet. */
function upsert(update, { quiet = false } = {}) {
  const id = videoId(update);
  if (!id) {
    return;
  }
  state.changes += 1;
  state.heardAt.set(id, state.changes);
  const before = state.videos.get(id);
  if (update.status === 'DELETED') {
    state.videos.delete(id);
    state.order = state.order.filter((known) => known !== id);
    // The videos behind a waiting or running one move up: their positions are read again.
    if (before && (before.status === 'WAITING' || before.status === 'QUEUED' || before.status === 'PROCESSING')) {
      reloadSoon();
    }
    // A video deleted elsewhere (another tab) while this page uploads it: the transfer stops.
    const transfer = transferOf(id);
    if (transfer && transfer.status === 'uploading') {
      cancelTransfer(transfer, { quiet: true, deleted: true });
      announce(`The upload of ${transfer.file.name} stopped: the video was deleted.`);
    }
    return;
  }
  const merged = { ...(before || {}), ...stripNulls(update), id };
  if (update.queuePosition === null) {
    delete merged.queuePosition;
  }
  state.videos.set(id, merged);
  if (!before) {
    state.order = [id, ...state.order.filter((known) => known !== id)];
    state.order.sort((a, b) => createdOf(state.videos.get(b)) - createdOf(state.videos.get(a)));
  }
  if (before && before.status !== merged.status) {
    if (before.status === 'WAITING' || merged.status === 'WAITING' || TERMINAL.has(merged.status)) {
      reloadSoon();
    }
    if (!quiet) {
      const name = merged.filename || 'A video';
      if (merged.status === 'DONE') {
        announce(`${name} is ready to download.`);
      } else if (merged.status === 'FAILED') {
        announce(`${name} failed: ${sentence(failureOf(merged) || 'no reason given')}`);
      } else {
        announce(`${name}: ${STATUS_TEXT[merged.status] || merged.status}.`);
      }
    }
  }
}

function stripNulls(object) {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== null && value !== undefined));
}

function createdOf(video) {
  const time = Date.parse((video && video.createdAt) || '');
  return Number.isNaN(time) ? Number.MAX_SAFE_INTEGER : time;
}

function failureOf(video) {
  const error = video.error;
  if (error && typeof error === 'object') {
    return error.message || error.code || '';
  }
  return error || video.errorMessage || '';
}

function progressOf(video) {
  const value = Number(video.progress ?? video.progressPercent ?? 0);
  return Number.isFinite(value) ? Math.max(0, Math.min(100, value)) : 0;
}

function formatBytes(bytes) {
  if (!Number.isFinite(bytes) || bytes < 0) {
    return '';
  }
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(value >= 10 || unit === 0 ? 0 : 1)} ${units[unit]}`;
}

function formatDuration(seconds) {
  if (!Number.isFinite(seconds) || seconds < 0) {
    return '';
  }
  const total = Math.round(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** "just now", "5 min ago", "3 h ago", "yesterday", or the date. */
function relativeTime(time) {
  const seconds = Math.round((Date.now() - time) / 1000);
  if (seconds < 45) {
    return 'just now';
  }
  if (seconds < 3600) {
    return `${Math.max(1, Math.round(seconds / 60))} min ago`;
  }
  if (seconds < 86400) {
    return `${Math.round(seconds / 3600)} h ago`;
  }
  if (seconds < 2 * 86400) {
    return 'yesterday';
  }
  return new Date(time).toLocaleDateString();
}

function ordinal(n) {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' }[n % 10] || 'th');
  return `${n}${suffix}`;
}

function describeOptions(options) {
  if (!options) {
    return '';
  }
  const format = String(options.format || 'jpg').toLowerCase() === 'png' ? 'PNG' : 'JPEG';
  const width = options.maxWidth || (state.limits && state.limits.maxWidth.default);
  return [`${Number(options.fps)} frame${Number(options.fps) === 1 ? '' : 's'} per second`, format,
    ...(width ? [`at most ${width} px wide`] : [])].join(' · ');
}

function describe(video) {
  const parts = [];
  if (Number.isFinite(Number(video.sizeBytes)) && video.sizeBytes !== undefined) {
    parts.push(formatBytes(Number(video.sizeBytes)));
  }
  if (video.durationSeconds !== undefined) {
    parts.push(formatDuration(Number(video.durationSeconds)));
  }
  if (video.status === 'DONE') {
    if (video.frameCount !== undefined) {
      parts.push(`${video.frameCount} frame${video.frameCount === 1 ? '' : 's'}`);
    }
    const zip = Number(video.zipBytes ?? video.zipSizeBytes);
    if (Number.isFinite(zip)) {
      parts.push(`ZIP ${formatBytes(zip)}`);
    }
  }
  if (video.status === 'PROCESSING') {
    parts.push(progressOf(video) > 0 ? `${progressOf(video)}% processed` : 'starting');
  }
  if (video.status === 'WAITING') {
    parts.push(video.queuePosition ? `${ordinal(video.queuePosition)} in your queue`
      : 'waits for one of your other videos to finish');
  }
  if (video.status === 'QUEUED') {
    parts.push('in the processing queue');
  }
  if (video.status === 'UPLOADING') {
    parts.push('the upload is not finished: it continues in the window that started it, or expires');
  }
  return parts.join(' · ');
}

/** The transfer of this page that uploads the video, if any. */
function transferOf(id) {
  return [...state.transfers.values()].find((transfer) => transfer.videoId === id) || null;
}

function render() {
  const list = $('videos');
  const rows = new Map([...list.children].map((row) => [row.dataset.id, row]));
  // A video this page is still sending shows in the uploads above, not twice.
  const wanted = state.order.filter((id) => state.videos.has(id) && !transferOf(id));
  // Rows go first: moving a row that holds the focus would drop it.
  const kept = new Set(wanted);
  rows.forEach((row, id) => {
    if (!kept.has(id)) {
      if (row.contains(document.activeElement)) {
        focusAfterRemoval(row, '.delete');
      }
      row.remove();
    }
  });
  wanted.forEach((id, index) => {
    let row = rows.get(id);
    if (!row) {
      row = createRow(id);
    }
    fillRow(row, state.videos.get(id));
    if (list.children[index] !== row) {
      list.insertBefore(row, list.children[index] || null);
    }
  });
  $('empty').hidden = wanted.length > 0 || state.transfers.size > 0;
  $('more').hidden = !state.nextCursor;
}

/** Before a row goes: the focus moves to the same button of the next row (or the previous), else the heading. */
function focusAfterRemoval(row, selector) {
  const neighbour = row.nextElementSibling || row.previousElementSibling;
  const target = neighbour && neighbour.querySelector(`${selector}:not([hidden])`);
  if (target) {
    target.focus();
  } else {
    const heading = row.closest('section').querySelector('h2');
    heading.setAttribute('tabindex', '-1');
    heading.focus();
  }
}

function createRow(id) {
  const row = $('video-template').content.firstElementChild.cloneNode(true);
  row.dataset.id = id;
  row.querySelector('.download').addEventListener('click', () => download(id, row.querySelector('.download')));
  row.querySelector('.delete').addEventListener('click', () => remove(id, row));
  row.querySelector('.thumb').addEventListener('click', () => openPreview(id, row.querySelector('.thumb')));
  return row;
}

function fillRow(row, video) {
  const name = video.filename || '(unnamed video)';
  row.querySelector('.video-name').textContent = name;
  const badge = row.querySelector('.badge');
  badge.textContent = STATUS_TEXT[video.status] || video.status || '';
  badge.className = `badge ${video.status || ''}`;
  const meta = row.querySelector('.video-meta');
  const created = Date.parse(video.createdAt || '');
  const time = document.createElement('time');
  if (!Number.isNaN(created)) {
    time.dateTime = new Date(created).toISOString();
    time.textContent = relativeTime(created);
    time.title = new Date(created).toLocaleString();
  }
  const facts = describe(video);
  meta.replaceChildren(...(Number.isNaN(created) ? [] : [time]), (Number.isNaN(created) || !facts ? '' : ' · ')
    + facts);
  row.querySelector('.video-options').textContent = describeOptions(video.options);
  const progress = row.querySelector('.video-progress');
  const processing = video.status === 'PROCESSING';
  progress.hidden = !processing;
  if (processing) {
    const percent = progressOf(video);
    if (percent > 0) {
      progress.value = percent;
    } else {
      progress.removeAttribute('value');
    }
    progress.textContent = percent > 0 ? `${percent}%` : 'starting';
    progress.setAttribute('aria-label', `Processing of ${name}`);
  }
  const error = row.querySelector('.video-error');
  error.hidden = video.status !== 'FAILED' && video.status !== 'EXPIRED';
  error.textContent = video.status === 'EXPIRED'
    ? 'The upload was not finished in time.'
    : `Reason: ${sentence(failureOf(video) || 'unknown')}`;
  const downloadButton = row.querySelector('.download');
  downloadButton.hidden = video.status !== 'DONE';
  downloadButton.setAttribute('aria-label', `Download ZIP of the frames of ${name}`);
  row.querySelector('.delete').setAttribute('aria-label', `Delete ${name}`);
  const thumb = row.querySelector('.thumb');
  const hasPreview = video.status === 'DONE' && Boolean(video.previewBytes);
  thumb.hidden = !hasPreview;
  row.classList.toggle('with-thumb', hasPreview);
  thumb.setAttribute('aria-label', `Show the contact sheet of ${name}`);
  if (hasPreview && !thumb.dataset.loading) {
    thumb.dataset.loading = 'true';
    previewLink(video.id).then((url) => {
      thumb.querySelector('img').src = url;
    }).catch(() => {
      thumb.hidden = true;
    });
  }
}

/** A presigned link to the contact sheet, reused while it lives. */
async function previewLink(id) {
  const known = state.previews.get(id);
  if (known && Date.parse(known.expiresAt) > Date.now() + 10000) {
    return known.url;
  }
  const link = await api(`/videos/${encodeURIComponent(id)}/preview`);
  state.previews.set(id, link);
  return link.url;
}

async function openPreview(id, opener) {
  const video = state.videos.get(id);
  const dialog = $('preview-dialog');
  const image = $('preview-image');
  const name = (video && video.filename) || 'this video';
  try {
    image.src = await previewLink(id);
  } catch (error) {
    if (error.status !== 401) {
      showMessage('videos-message', error.message);
    }
    return;
  }
  $('preview-title').textContent = `Contact sheet of ${name}`;
  image.alt = `${Math.min(12, (video && video.frameCount) || 12)} evenly spaced frames of ${name}`;
  dialog.returnFocus = opener;
  dialog.showModal();
  $('preview-close').focus();
}

/** Asks for a fresh presigned link to the ZIP (it lives minutes) and lets the browser save it. */
async function startDownload(id) {
  const link = await api(`/videos/${encodeURIComponent(id)}/download`);
  const anchor = document.createElement('a');
  anchor.href = link.url;
  anchor.rel = 'noopener';
  anchor.download = '';
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
}

async function download(id, button) {
  try {
    await whileDisabled(button, () => startDownload(id));
    announce('Your download has started.');
  } catch (error) {
    if (error.status !== 401) {
      showMessage('videos-message', error.message);
    }
  }
}

/** The link of a "frames ready" e-mail: the download starts once the owner is logged in. */
async function downloadFromEmail(id) {
  try {
    await startDownload(id);
    showMessage('videos-message', 'Your download has started.', 'info');
  } catch (error) {
    if (error.status !== 401) {
      showMessage('videos-message', error.message);
    }
  }
}

/** Deletes a video; if this page is still sending it, the transfer stops first. */
async function remove(id, row) {
  const video = state.videos.get(id);
  const name = (video && video.filename) || 'this video';
  const hadFocus = row.contains(document.activeElement);
  if (!window.confirm(`Delete ${name} and its frames?`)) {
    return;
  }
  const transfer = transferOf(id);
  if (transfer) {
    await cancelTransfer(transfer, { quiet: true });
  }
  try {
    await api(`/videos/${encodeURIComponent(id)}`, { method: 'DELETE' });
  } catch (error) {
    if (error.status !== 404) {
      if (error.status !== 401) {
        showMessage('videos-message', error.message);
      }
      return;
    }
  }
  if (hadFocus && row.isConnected) {
    focusAfterRemoval(row, '.delete');
  }
  upsert({ id, status: 'DELETED' });
  render();
  announce(`${name} deleted.`);
}

// ---------------------------------------------------------------- live updates

function startLive() {
  stopLive();
  if (typeof EventSource === 'function' && state.token) {
    const source = new EventSource(`/videos/events?access_token=${encodeURIComponent(state.token)}`);
    state.events = source;
    const onEvent = (event) => {
      let data;
      try {
        data = JSON.parse(event.data);
      } catch {
        return;
      }
      if (data && videoId(data)) {
        const known = state.videos.has(videoId(data));
        upsert(data);
        render();
        if ((!known || !data.filename) && data.status !== 'DELETED') {
          refreshOne(videoId(data));
        }
      }
    };
    source.addEventListener('message', onEvent);
    ['video', 'status', 'progress', 'video-status', 'video-progress'].forEach((name) =>
      source.addEventListener(name, onEvent));
    source.addEventListener('open', () => setLive(true));
    source.addEventListener('error', () => {
      setLive(false);
      if (source.readyState === EventSource.CLOSED) {
        // Refused (an expired token, say): the next poll finds out and asks to log in again.
        state.events = null;
      }
    });
  }
  state.pollTimer = window.setInterval(poll, POLL_MS);
}

function stopLive() {
  if (state.events) {
    state.events.close();
    state.events = null;
  }
  if (state.pollTimer) {
    window.clearInterval(state.pollTimer);
    state.pollTimer = null;
  }
  setLive(false);
}

function setLive(live) {
  state.live = live;
  const badge = $('live');
  badge.classList.toggle('on', live);
  badge.textContent = live ? 'live' : '';
}

/** Polls while server-sent events are not flowing and something is still in progress. */
function poll() {
  if (!state.token || state.live) {
    return;
  }
  const busy = [...state.videos.values()].some((video) => !TERMINAL.has(video.status));
  if (busy || !state.events) {
    loadVideos();
  }
  if (!state.events && state.token) {
    startLiveLater();
  }
}

let reconnectTimer = null;
function startLiveLater() {
  if (reconnectTimer) {
    return;
  }
  reconnectTimer = window.setTimeout(() => {
    reconnectTimer = null;
    if (state.token && !state.events) {
      startLive();
    }
  }, 15000);
}

async function refreshOne(id) {
  const asked = state.changes;
  try {
    const video = await api(`/videos/${encodeURIComponent(id)}`);
    if (video && !heardSince(id, asked)) {
      upsert(video, { quiet: true });
      render();
    }
  } catch (error) {
    if (error.status === 404 && !heardSince(id, asked)) {
      upsert({ id, status: 'DELETED' });
      render();
    }
  }
}

// ---------------------------------------------------------------- choosing files

function uploadOptions() {
  const form = $('upload-form');
  const fps = fieldValue(form, 'fps').trim();
  const format = fieldValue(form, 'format');
  const maxWidth = fieldValue(form, 'maxWidth').trim();
  const options = {};
  if (fps) {
    options.fps = fps;
  }
  if (format) {
    options.format = format;
  }
  if (maxWidth) {
    options.maxWidth = maxWidth;
  }
  return options;
}

/** The limits of this deployment, read once per session; the options' fields take their ranges from them. */
async function loadLimits() {
  try {
    state.limits = await api('/videos/limits');
  } catch {
    state.limits = null;
  }
  const limits = state.limits;
  if (limits) {
    Object.assign($('fps'), { min: limits.fps.min, max: limits.fps.max });
    Object.assign($('max-width'), { min: limits.maxWidth.min, max: limits.maxWidth.max,
      placeholder: String(limits.maxWidth.default) });
  }
}

/** {field name → message} for the options the server would refuse (none known before the limits are read). */
function checkOptions(options) {
  const errors = {};
  const limits = state.limits;
  if (!limits) {
    return errors;
  }
  const fps = options.fps === undefined ? limits.fps.default : Number(options.fps);
  if (!(fps >= limits.fps.min && fps <= limits.fps.max)) {
    errors.fps = `Frames per second must be a number between ${limits.fps.min} and ${limits.fps.max}.`;
  }
  if (options.maxWidth !== undefined) {
    const width = Number(options.maxWidth);
    if (!Number.isInteger(width) || width < limits.maxWidth.min || width > limits.maxWidth.max) {
      errors.maxWidth = `The maximum width must be a whole number between ${limits.maxWidth.min}`
        + ` and ${limits.maxWidth.max}.`;
    }
  }
  return errors;
}

/** Adds files to the selection (the picker, a drop, more than once: they add up). */
function choose(files) {
  const added = [...files].filter((file) => !state.selection.some((chosen) => sameFile(chosen.file, file)));
  added.forEach((file) => {
    const chosen = { key: nextKey++, file, facts: null };
    state.selection.push(chosen);
    readFacts(file).then((facts) => {
      chosen.facts = facts;
      renderSelection();
    });
  });
  setFieldError($('files'), '');
  renderSelection();
  if (added.length > 0) {
    announce(`${added.length} file${added.length === 1 ? '' : 's'} added: ${state.selection.length} chosen.`);
  }
}

function sameFile(a, b) {
  return a.name === b.name && a.size === b.size && a.lastModified === b.lastModified;
}

/** The duration and picture size the browser reads from the file, when it can play that format. */
function readFacts(file) {
  return new Promise((resolve) => {
    const probe = document.createElement('video');
    const url = URL.createObjectURL(file);
    const done = (facts) => {
      URL.revokeObjectURL(url);
      probe.removeAttribute('src');
      resolve(facts);
    };
    const timer = window.setTimeout(() => done({}), 10000);
    probe.preload = 'metadata';
    probe.muted = true;
    probe.addEventListener('loadedmetadata', () => {
      window.clearTimeout(timer);
      done({ duration: probe.duration, width: probe.videoWidth, height: probe.videoHeight });
    });
    probe.addEventListener('error', () => {
      window.clearTimeout(timer);
      done({});
    });
    probe.src = url;
  });
}

/**
 * What the options would make of a video: frames at (i - 1) / fps seconds, and the ZIP estimated as the worker does
 * at admission (output pixels × 0.2 bytes for JPEG, 1.5 for PNG).
 */
function estimate(facts, options) {
  if (!facts || !Number.isFinite(facts.duration) || facts.duration <= 0) {
    return null;
  }
  const fps = Number(options.fps ?? 1);
  const frames = Math.max(1, Math.ceil(facts.duration * fps - 1e-9));
  let bytes = null;
  const limits = state.limits;
  // The worker's own estimate, checked against maxOutputBytes before it extracts.
  if (limits && facts.width > 0 && facts.height > 0) {
    const width = Math.min(facts.width, Number(options.maxWidth) || limits.maxWidth.default, limits.widestFrame);
    const height = Math.round((facts.height * width) / facts.width);
    bytes = frames * width * height * (limits.bytesPerPixel[String(options.format || 'jpg').toLowerCase()] ?? 0);
  }
  return { frames, bytes };
}

function describeChosen(chosen, options) {
  const limits = state.limits;
  const parts = [formatBytes(chosen.file.size)];
  if (limits && chosen.file.size > limits.maxFileBytes) {
    parts.push(`larger than the ${formatBytes(limits.maxFileBytes)} a file may be`);
  }
  if (!chosen.facts) {
    parts.push('reading its length…');
  } else if (!Number.isFinite(chosen.facts.duration)) {
    parts.push('length known once processed');
  } else {
    parts.push(formatDuration(chosen.facts.duration));
    if (limits && chosen.facts.duration > limits.maxDurationSeconds) {
      parts.push(`longer than the ${formatDuration(limits.maxDurationSeconds)} a video may last`);
    }
    const guess = Object.keys(checkOptions(options)).length === 0 ? estimate(chosen.facts, options) : null;
    if (guess) {
      parts.push(`about ${guess.frames} frame${guess.frames === 1 ? '' : 's'}`
        + (guess.bytes === null ? '' : `, ZIP about ${formatBytes(guess.bytes)}`));
      if (limits && guess.frames > limits.maxFrames) {
        parts.push(`more than the ${limits.maxFrames} frames a video may have: lower the frames per second`);
      }
      if (limits && guess.bytes > limits.maxOutputBytes) {
        parts.push(`more than the ${formatBytes(limits.maxOutputBytes)} a video's frames may take:`
          + ' lower the frames per second or the width, or choose JPEG');
      }
    }
  }
  return parts.join(' · ');
}

function renderSelection() {
  const list = $('selection');
  const options = uploadOptions();
  const rows = new Map([...list.children].map((row) => [row.dataset.key, row]));
  state.selection.forEach((chosen) => {
    let row = rows.get(String(chosen.key));
    if (!row) {
      row = $('selected-template').content.firstElementChild.cloneNode(true);
      row.dataset.key = String(chosen.key);
      row.querySelector('.selected-name').textContent = chosen.file.name;
      row.querySelector('.remove').setAttribute('aria-label', `Remove ${chosen.file.name}`);
      row.querySelector('.remove').addEventListener('click', () => {
        focusAfterRemoval(row, '.remove');
        if (!row.nextElementSibling && !row.previousElementSibling) {
          $('files').focus();
        }
        state.selection = state.selection.filter((other) => other !== chosen);
        renderSelection();
        announce(`${chosen.file.name} removed.`);
      });
    }
    rows.delete(String(chosen.key));
    row.querySelector('.selected-facts').textContent = describeChosen(chosen, options);
    if (!row.isConnected) {
      list.append(row);
    }
  });
  rows.forEach((row) => row.remove());
  list.hidden = state.selection.length === 0;
  $('upload-button').textContent = state.selection.length > 1 ? `Upload ${state.selection.length} videos` : 'Upload';
}

// ---------------------------------------------------------------- uploads

/**
 * One file on its way: `queued` → `uploading` → gone once uploaded (the video shows in the list), or `failed`
 * (retry, dismiss), `paused` (the session ended: it goes on after the next log-in) or cancelled (the transfer aborted
 * and its video removed). A failed upload is remembered in this browser until dismissed.
 */
function addTransfer(file, options, { status = 'queued', error = null, restored = false, key = nextKey++,
  chosen = null, videoId = null } = {}) {
  // `chosen` holds what the browser read of the file (its length), shown on the video's row until the worker's.
  const transfer = { key, file, options, status, error, restored, xhr: null, videoId, uploaded: false, chosen };
  const row = $('upload-template').content.firstElementChild.cloneNode(true);
  row.dataset.key = String(key);
  row.querySelector('.upload-name').textContent = file.name;
  row.querySelector('.upload-progress').setAttribute('aria-label', `Upload of ${file.name}`);
  row.querySelector('.cancel').setAttribute('aria-label', `Cancel the upload of ${file.name}`);
  row.querySelector('.dismiss').setAttribute('aria-label', `Dismiss the failed upload of ${file.name}`);
  row.querySelector('.cancel').addEventListener('click', () => cancelTransfer(transfer));
  row.querySelector('.retry').addEventListener('click', () => (transfer.restored
    ? chooseAgain(transfer) : retryTransfer(transfer)));
  row.querySelector('.dismiss').addEventListener('click', async () => {
    focusAfterRemoval(row, '.dismiss');
    dropTransfer(transfer);
    forgetFailed(transfer);
    announce(`${file.name} dismissed.`);
    // A direct upload that failed half-way left its video "Uploading": it goes with the row.
    const video = transfer.videoId && state.videos.get(transfer.videoId);
    if (transfer.videoId && (!video || video.status === 'UPLOADING')) {
      await deleteQuietly([transfer.videoId]);
      upsert({ id: transfer.videoId, status: 'DELETED' });
      render();
    }
  });
  transfer.row = row;
  state.transfers.set(key, transfer);
  $('uploads').append(row);
  showTransfer(transfer);
  return transfer;
}

function retryTransfer(transfer) {
  transfer.status = 'queued';
  transfer.error = null;
  transfer.busyRetries = 0;
  forgetFailed(transfer);
  showTransfer(transfer);
  transfer.row.querySelector('.cancel').focus();
  announce(`Retrying ${transfer.file.name}.`);
  pump();
}

/**
 * A failed upload restored after a reload has lost its file (a page keeps no file across a reload): the same file,
 * chosen again, is sent again; another one is refused.
 */
function chooseAgain(transfer) {
  const input = document.createElement('input');
  input.type = 'file';
  input.accept = $('files').accept;
  input.addEventListener('change', () => {
    const [file] = input.files;
    if (!file) {
      return;
    }
    if (file.name !== transfer.file.name || file.size !== transfer.file.size) {
      announce(`That is not ${transfer.file.name} (${formatBytes(transfer.file.size)}). Choose that file again.`);
      return;
    }
    transfer.file = file;
    transfer.restored = false;
    retryTransfer(transfer);
  });
  input.click();
}

function showTransfer(transfer, loaded = 0, total = 0) {
  const { row } = transfer;
  const bar = row.querySelector('.upload-progress');
  const status = row.querySelector('.upload-status');
  row.classList.toggle('failed', transfer.status === 'failed');
  row.querySelector('.cancel').hidden = transfer.status === 'failed';
  const retry = row.querySelector('.retry');
  retry.hidden = transfer.status !== 'failed';
  // Restored after a reload, the upload has lost its file: retrying it asks for the file again.
  retry.textContent = transfer.restored ? 'Choose again' : 'Retry';
  retry.setAttribute('aria-label', transfer.restored ? `Choose again the file ${transfer.file.name} to retry its upload`
    : `Retry the upload of ${transfer.file.name}`);
  row.querySelector('.dismiss').hidden = transfer.status !== 'failed';
  if (transfer.status === 'uploading' && total > 0) {
    const percent = Math.floor((loaded / total) * 100);
    bar.value = percent;
    bar.textContent = `${percent}%`;
    status.textContent = `${percent}% of ${formatBytes(total)}`;
  } else if (transfer.status === 'uploading') {
    status.textContent = `Starting · ${formatBytes(transfer.file.size)}`;
  } else if (transfer.status === 'queued') {
    bar.value = 0;
    status.textContent = 'Waits for the other uploads';
  } else if (transfer.status === 'waiting') {
    bar.value = 0;
    status.textContent = `${sentence(transfer.error)} Tries again by itself at `
      + `${new Date(transfer.retryAt).toLocaleTimeString()}.`;
  } else if (transfer.status === 'paused') {
    status.textContent = 'Paused: continues once you are logged in again';
  } else if (transfer.status === 'failed') {
    status.textContent = `Failed: ${sentence(transfer.error)}${transfer.restored
      ? ' Choose the file again to retry.' : ''}`;
  }
}

function dropTransfer(transfer) {
  state.transfers.delete(transfer.key);
  transfer.row.remove();
  render();
}

/**
 * Starts queued uploads while fewer run than the server lets one user have under way at once (one while its limits
 * are unknown).
 */
function pump() {
  if (!state.token) {
    return;
  }
  const atOnce = state.limits ? state.limits.concurrentUploads : 1;
  const all = [...state.transfers.values()];
  let running = all.filter((transfer) => transfer.status === 'uploading').length;
  all.filter((transfer) => transfer.status === 'queued').forEach((transfer) => {
    if (running < atOnce) {
      running += 1;
      transfer.running = runTransfer(transfer);
    }
  });
}

/** After a new log-in: paused uploads go on (from the completion step when the file was sent already). */
function resumePausedTransfers() {
  state.transfers.forEach((transfer) => {
    if (transfer.status === 'paused') {
      transfer.status = 'queued';
      showTransfer(transfer);
    }
  });
  pump();
}

async function runTransfer(transfer) {
  transfer.status = 'uploading';
  showTransfer(transfer);
  render();
  try {
    const videos = transfer.file.size > DIRECT_UPLOAD_THRESHOLD
      ? await uploadDirect(transfer) : await uploadStreamed(transfer);
    if (transfer.status === 'cancelled') {
      await deleteQuietly(videos.map(videoId));
      return;
    }
    if (transfer.row.contains(document.activeElement)) {
      focusAfterRemoval(transfer.row, '.cancel');
    }
    state.transfers.delete(transfer.key);
    transfer.row.remove();
    videos.forEach((video) => {
      state.answered.add(videoId(video));
      upsert(withReadLength(video, transfer), { quiet: true });
    });
    render();
    announce(`${transfer.file.name} uploaded.`);
    if (videos.some((video) => video.status === 'WAITING' && !video.queuePosition)) {
      // Its place in the queue comes with the list.
      reloadSoon();
    }
  } catch (error) {
    if (transfer.status === 'cancelled' || error instanceof CancelledError) {
      return;
    }
    if (error.status === 404 && transfer.videoId) {
      // Its video was deleted elsewhere before the event said so: completing it, renewing its URLs or sending a
      // part (its multipart upload aborted) finds nothing. The transfer stops as it does on the event.
      upsert({ id: transfer.videoId, status: 'DELETED' });
      render();
      return;
    }
    if (error.status === 401 || !state.token) {
      transfer.status = 'paused';
      showTransfer(transfer);
      return;
    }
    if (waitForRetry(transfer, error)) {
      return;
    }
    transfer.status = 'failed';
    transfer.error = error.message;
    showTransfer(transfer);
    rememberFailed(transfer);
    render();
    announce(`Upload of ${transfer.file.name} failed: ${sentence(error.message)}`);
    if (error.type === NOT_VERIFIED) {
      recheckVerification().catch(() => {});
    }
  } finally {
    pump();
  }
}

/**
 * An upload the server refuses for now (429 or 503 with Retry-After: the user's other uploads in progress, too many
 * waiting videos, every upload buffer in use) waits as long as the server says and goes again by itself, up to
 * BUSY_RETRIES times; the uploads queued behind it go on meanwhile.
 */
function waitForRetry(transfer, error) {
  const retries = transfer.busyRetries || 0;
  if (![429, 503].includes(error.status) || error.retryAfter === null || retries >= BUSY_RETRIES) {
    return false;
  }
  transfer.busyRetries = retries + 1;
  transfer.status = 'waiting';
  transfer.error = (error.problem && error.problem.title) || error.message;
  transfer.retryAt = Date.now() + error.retryAfter;
  showTransfer(transfer);
  if (retries === 0) {
    announce(`${transfer.file.name} waits: ${sentence(transfer.error)} It is sent again by itself.`);
  }
  window.setTimeout(() => {
    if (transfer.status === 'waiting') {
      transfer.status = 'queued';
      showTransfer(transfer);
      pump();
    }
  }, error.retryAfter);
  return true;
}

/** Cancels an upload: the transfer is aborted and the video it created removed. */
async function cancelTransfer(transfer, { quiet = false, deleted = false } = {}) {
  transfer.status = 'cancelled';
  // A streamed upload whose file has all been sent may have made its videos already: its answer names them, and they
  // are removed then (runTransfer); aborting it now would leave them.
  const answered = transfer.streaming && transfer.bodySent && transfer.xhr ? transfer.running : null;
  const aborted = transfer.streaming && !answered;
  if (transfer.xhr && !answered) {
    transfer.xhr.abort();
  }
  if (!quiet && transfer.row.contains(document.activeElement)) {
    focusAfterRemoval(transfer.row, '.cancel');
    if (!document.activeElement || document.activeElement === document.body
        || !$('uploads').contains(document.activeElement)) {
      $('files').focus();
    }
  }
  dropTransfer(transfer);
  forgetFailed(transfer);
  if (answered) {
    await answered;
  } else if (aborted) {
    await removeMadeBy(transfer);
  } else if (transfer.asking) {
    // The video is being made: it is removed once made, while this page still holds the token (a log-out waits).
    const made = await transfer.asking.catch(() => null);
    transfer.videoId = transfer.videoId || (made && videoId(made));
  }
  if (transfer.videoId && !deleted) {
    await deleteQuietly([transfer.videoId]);
    upsert({ id: transfer.videoId, status: 'DELETED' });
    render();
  }
  pump();
  if (!quiet) {
    announce(`The upload of ${transfer.file.name} was cancelled.`);
  }
}

/**
 * After a streamed upload was aborted: the server may still have made its video (it had the whole file, the answer
 * had not come). The listed videos of that name and size, made since the upload started (give or take the clocks'
 * difference), that this page did not know then, are removed.
 */
async function removeMadeBy(transfer) {
  for (const wait of [500, 2500]) {
    await new Promise((resolve) => {
      window.setTimeout(resolve, wait);
    });
    if (!state.token) {
      return;
    }
    let listed;
    try {
      listed = listOf(await api('/videos?limit=20'));
    } catch {
      return;
    }
    const made = listed.filter((video) => video.filename === transfer.file.name
      && video.sizeBytes === transfer.file.size
      && Date.parse(video.createdAt) >= transfer.startedAt - 60000
      && !transfer.knownBefore.has(videoId(video)) && !state.answered.has(videoId(video)));
    await deleteQuietly(made.map(videoId));
    made.forEach((video) => upsert({ id: videoId(video), status: 'DELETED' }));
    render();
  }
}

/** The video with the length the browser read before the upload, while the worker has not measured it yet. */
function withReadLength(video, transfer) {
  const facts = transfer.chosen && transfer.chosen.facts;
  if (video.durationSeconds == null && facts && Number.isFinite(facts.duration) && facts.duration > 0) {
    return { ...video, durationSeconds: facts.duration };
  }
  return video;
}

async function deleteQuietly(ids) {
  await Promise.allSettled(ids.filter(Boolean).map((id) =>
    api(`/videos/${encodeURIComponent(id)}`, { method: 'DELETE' })));
}

async function uploadStreamed(transfer) {
  const { file, options } = transfer;
  const form = new FormData();
  // Options first: the server reads the body as a stream and checks them before storing the file.
  Object.entries(options).forEach(([name, value]) => form.append(name, value));
  form.append('files', file, file.name);
  transfer.streaming = true;
  transfer.knownBefore = new Set(state.videos.keys());
  transfer.startedAt = Date.now();
  const response = await send({
    method: 'POST',
    url: '/videos',
    body: form,
    headers: { Accept: 'application/json', Authorization: `Bearer ${state.token}` },
    onProgress: (loaded, total) => showTransfer(transfer, loaded, total),
    transfer,
  }).finally(() => {
    transfer.streaming = false;
  });
  if (response.status === 401) {
    sessionExpired();
  }
  if (response.status < 200 || response.status >= 300) {
    throw new ApiError(response.status, response.body, retryAfterOf(response.header('Retry-After')));
  }
  const created = listOf(response.body);
  return (created.length ? created : [response.body]).filter((video) => video && videoId(video))
    .map((video) => ({ filename: file.name, sizeBytes: file.size, createdAt: new Date().toISOString(), ...video }));
}

async function uploadDirect(transfer) {
  const { file, options } = transfer;
  if (transfer.videoId && !transfer.uploaded) {
    // A retry of an upload that stopped half-way: its video goes, a new one starts. The transfer lets go of it
    // first, so that hearing of its deletion does not stop the retry.
    const stopped = transfer.videoId;
    transfer.videoId = null;
    await deleteQuietly([stopped]);
  }
  if (!transfer.videoId) {
    const request = { filename: file.name, sizeBytes: file.size };
    if (file.type && file.type.startsWith('video/')) {
      request.contentType = file.type;
    }
    if (options.fps !== undefined) {
      request.fps = Number(options.fps);
    }
    if (options.format !== undefined) {
      request.format = options.format;
    }
    if (options.maxWidth !== undefined) {
      request.maxWidth = Number(options.maxWidth);
    }
    transfer.asking = api('/videos/uploads', { method: 'POST', body: request });
    let ticket;
    try {
      ticket = await transfer.asking;
    } finally {
      transfer.asking = null;
    }
    transfer.videoId = videoId(ticket);
    transfer.ticket = ticket;
    if (transfer.status === 'cancelled') {
      await deleteQuietly([transfer.videoId]);
      throw new CancelledError();
    }
    upsert(withReadLength({ id: transfer.videoId, filename: file.name, sizeBytes: file.size, status: 'UPLOADING',
      createdAt: new Date().toISOString() }, transfer), { quiet: true });
    // The list may have shown the video already (an event or a reload that came before the ticket): it is the
    // transfer's row from now on.
    render();
    transfer.completion = await sendToStorage(transfer);
    transfer.uploaded = true;
  }
  const id = transfer.videoId;
  const completeUrl = transfer.ticket.completeUrl || `/videos/${encodeURIComponent(id)}/complete`;
  const video = await api(completeUrl, { method: 'POST', body: transfer.completion });
  return video && videoId(video) ? [video] : [];
}

/**
 * The PUT (or the parts) straight to the bucket; answers what completing the upload needs. Presigned URLs live
 * minutes: they are renewed (`POST /videos/{id}/upload-urls`, fresh URLs for what is not uploaded yet) before one is
 * used with less than a minute left, and when storage refuses one (403: it expired, say), then the part is sent again.
 */
async function sendToStorage(transfer) {
  const { file } = transfer;
  const parts = transfer.ticket.parts || [];
  if (parts.length > 0) {
    const partSize = transfer.ticket.partSize || Math.ceil(file.size / parts.length);
    const loaded = new Array(parts.length).fill(0);
    const etags = [];
    for (let index = 0; index < parts.length; index += 1) {
      const number = parts[index].partNumber || index + 1;
      const start = index * partSize;
      const blob = file.slice(start, Math.min(file.size, start + partSize));
      const response = await putRenewing(transfer, (ticket) => (ticket.parts || [])
        .find((part, at) => (part.partNumber || at + 1) === number), blob, (done) => {
        loaded[index] = done;
        showTransfer(transfer, loaded.reduce((a, b) => a + b, 0), file.size);
      });
      if (response.status < 200 || response.status >= 300) {
        throw new ApiError(response.status, { detail: `Storage refused part ${number}.` });
      }
      loaded[index] = blob.size;
      etags.push({ partNumber: number, etag: response.header('ETag') });
    }
    // Without readable ETags (a storage that does not expose them), the server lists the uploaded parts itself.
    return etags.every((part) => part.etag) ? { parts: etags } : {};
  }
  const response = await putRenewing(transfer, (ticket) => ({ url: ticket.url || ticket.uploadUrl,
    headers: ticket.headers }), file, (done, total) => showTransfer(transfer, done, total));
  if (response.status < 200 || response.status >= 300) {
    throw new ApiError(response.status, { detail: 'Storage refused the upload.' });
  }
  return {};
}

/** One PUT to storage with the URL `pick` finds in the upload's URLs, renewed first when they are about to expire. */
async function putRenewing(transfer, pick, body, onProgress) {
  for (let attempt = 0; ; attempt += 1) {
    const expires = Date.parse(transfer.ticket.expiresAt || '');
    if (!Number.isNaN(expires) && expires - Date.now() < URL_RENEW_MARGIN_MS) {
      await renewUrls(transfer);
    }
    const target = pick(transfer.ticket);
    if (!target || !target.url) {
      throw new ApiError(0, { detail: 'The upload has no URL for this part.' });
    }
    const response = await send({ method: 'PUT', url: target.url, body, headers: target.headers || {}, onProgress,
      transfer });
    if (response.status !== 403 || attempt > 0) {
      return response;
    }
    await renewUrls(transfer);
  }
}

async function renewUrls(transfer) {
  const fresh = await api(`/videos/${encodeURIComponent(transfer.videoId)}/upload-urls`, { method: 'POST' });
  if (transfer.status === 'cancelled') {
    throw new CancelledError();
  }
  transfer.ticket = { ...transfer.ticket, ...stripNulls(fresh || {}) };
}

// Failed uploads are remembered per user in this browser, so a reload still shows them until dismissed.
function failedKey() {
  return `${FAILED_KEY}.${state.userId}`;
}

function readFailed() {
  try {
    const list = JSON.parse(localStorage.getItem(failedKey()) || '[]');
    return Array.isArray(list) ? list : [];
  } catch {
    return [];
  }
}

function rememberFailed(transfer) {
  const list = readFailed().filter((entry) => entry.key !== transfer.key);
  list.push({ key: transfer.key, name: transfer.file.name, size: transfer.file.size, error: transfer.error,
    options: transfer.options, videoId: transfer.videoId });
  localStorage.setItem(failedKey(), JSON.stringify(list.slice(-20)));
}

function forgetFailed(transfer) {
  const list = readFailed().filter((entry) => entry.key !== transfer.key);
  if (list.length > 0) {
    localStorage.setItem(failedKey(), JSON.stringify(list));
  } else {
    localStorage.removeItem(failedKey());
  }
}

function restoreFailedUploads() {
  readFailed().forEach((entry) => {
    if (!state.transfers.has(entry.key)) {
      addTransfer({ name: String(entry.name), size: Number(entry.size) }, entry.options || {},
        { status: 'failed', error: String(entry.error || 'unknown'), restored: true, key: entry.key,
          videoId: typeof entry.videoId === 'string' ? entry.videoId : null });
    }
  });
}

function wireUploads() {
  const form = $('upload-form');
  const input = $('files');
  input.addEventListener('change', () => {
    choose(input.files);
    input.value = '';
  });
  ['fps', 'format', 'max-width'].forEach((id) => $(id).addEventListener('input', () => {
    setFieldError($(id), '');
    renderSelection();
  }));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    showMessage('upload-message', '');
    clearFieldErrors(form);
    const options = uploadOptions();
    const errors = checkOptions(options);
    if (state.selection.length === 0) {
      errors.files = 'Choose at least one video file.';
    }
    if (showFieldErrors(form, errors)) {
      return;
    }
    const chosen = state.selection;
    state.selection = [];
    renderSelection();
    chosen.forEach((item) => addTransfer(item.file, { ...options }, { chosen: item }));
    announce(`${chosen.length} upload${chosen.length === 1 ? '' : 's'} started.`);
    pump();
  });

  // Files dropped anywhere on the page are added to the selection.
  let depth = 0;
  const accepting = () => state.token && !$('app-view').hidden && state.emailVerified;
  const hasFiles = (event) => event.dataTransfer && [...event.dataTransfer.types].includes('Files');
  document.addEventListener('dragenter', (event) => {
    if (hasFiles(event) && accepting()) {
      depth += 1;
      document.body.classList.add('dragging');
    }
  });
  document.addEventListener('dragleave', () => {
    depth = Math.max(0, depth - 1);
    if (depth === 0) {
      document.body.classList.remove('dragging');
    }
  });
  document.addEventListener('dragover', (event) => {
    if (hasFiles(event)) {
      event.preventDefault();
    }
  });
  document.addEventListener('drop', (event) => {
    if (!hasFiles(event)) {
      return;
    }
    event.preventDefault();
    depth = 0;
    document.body.classList.remove('dragging');
    if (accepting() && event.dataTransfer.files.length > 0) {
      choose(event.dataTransfer.files);
    }
  });

  $('refresh').addEventListener('click', () => loadVideos());
  $('more').addEventListener('click', () => loadVideos({ more: true }));
  $('preview-close').addEventListener('click', () => $('preview-dialog').close());
  $('preview-dialog').addEventListener('close', () => {
    const opener = $('preview-dialog').returnFocus;
    if (opener && opener.isConnected) {
      opener.focus();
    }
  });
}

// ---------------------------------------------------------------- start

wireAuthForms();
wireUploads();
// A link opened in a tab that shows the page already changes only the fragment.
window.addEventListener('hashchange', () => {
  const next = takeLanding();
  if (next) {
    land(next);
  }
});
const landing = takeLanding();
const kept = storedToken();
if (kept) {
  setToken(kept);
}
if (landing) {
  land(landing);
} else if (state.token) {
  showApp();
} else {
  $('login-email').value = localStorage.getItem(EMAIL_KEY) || '';
  showAuth();
}
