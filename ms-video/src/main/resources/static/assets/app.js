// Framesmith web page: plain ES module, no build step. Every user-supplied string reaches the page through
// textContent or attributes set by the DOM API, never through innerHTML.

const TOKEN_KEY = 'framesmith.token';
const DIRECT_UPLOAD_THRESHOLD = 50 * 1024 * 1024;
const PARALLEL_UPLOADS = 3;
const POLL_MS = 5000;
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

const REFRESH_MARGIN_MS = 60 * 1000;
const RESET_KEY = 'reset-password';
const DOWNLOAD_KEY = 'download';
const NOT_VERIFIED = 'https://framesmith.dev/problems/email-not-verified';

const state = {
  token: sessionStorage.getItem(TOKEN_KEY),
  refreshTimer: null,
  emailVerified: true,
  pendingDownload: null,
  videos: new Map(),
  order: [],
  nextCursor: null,
  events: null,
  live: false,
  pollTimer: null,
};

// ---------------------------------------------------------------- HTTP

class ApiError extends Error {
  constructor(status, problem) {
    super(describeProblem(status, problem));
    this.status = status;
    this.problem = problem;
  }
}

function describeProblem(status, problem) {
  if (problem && Array.isArray(problem.errors) && problem.errors.length > 0) {
    return problem.errors.map((e) => (e.field ? `${e.field}: ${e.message}` : e.message)).join('; ');
  }
  if (problem && (problem.detail || problem.title)) {
    return problem.detail || problem.title;
  }
  if (status === 0) {
    return 'The server cannot be reached. Check your connection and try again.';
  }
  return `The request failed (HTTP ${status}).`;
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
    throw new ApiError(response.status, await readProblem(response));
  }
  if (response.status === 204) {
    return null;
  }
  const type = response.headers.get('Content-Type') || '';
  return type.includes('json') ? response.json() : null;
}

/** XHR, for upload progress. Resolves with {status, headers, body}. */
function send({ method, url, body, headers = {}, onProgress }) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(method, url);
    Object.entries(headers).forEach(([name, value]) => xhr.setRequestHeader(name, value));
    xhr.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable && onProgress) {
        onProgress(event.loaded, event.total);
      }
    });
    xhr.addEventListener('load', () => {
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
    xhr.addEventListener('error', () => reject(new ApiError(0, null)));
    xhr.addEventListener('abort', () => reject(new ApiError(0, { detail: 'The upload was cancelled.' })));
    xhr.send(body);
  });
}

// ---------------------------------------------------------------- messages

function announce(text) {
  const announcer = $('announcer');
  announcer.textContent = '';
  window.setTimeout(() => {
    announcer.textContent = text;
  }, 50);
}

function showMessage(id, text, kind = 'error') {
  const element = $(id);
  element.textContent = text;
  element.classList.toggle('info', kind === 'info');
  element.hidden = !text;
}

// ---------------------------------------------------------------- session

function setToken(token) {
  state.token = token;
  window.clearTimeout(state.refreshTimer);
  state.refreshTimer = null;
  if (token) {
    sessionStorage.setItem(TOKEN_KEY, token);
    scheduleRefresh(token);
  } else {
    sessionStorage.removeItem(TOKEN_KEY);
  }
}

/** Seconds since the epoch when the token expires, from its payload; 0 when it cannot be read. */
function expiryOf(token) {
  try {
    const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return Number(JSON.parse(atob(payload)).exp) || 0;
  } catch {
    return 0;
  }
}

/** Access tokens are short-lived: a fresh one is fetched a minute before this one expires. */
function scheduleRefresh(token) {
  const expires = expiryOf(token) * 1000;
  if (expires > 0) {
    const delay = Math.max(5000, expires - Date.now() - REFRESH_MARGIN_MS);
    state.refreshTimer = window.setTimeout(() => refreshToken().catch(() => {}), delay);
  }
}

async function refreshToken() {
  const result = await api('/auth/refresh', { method: 'POST' });
  setToken(result.accessToken);
}

function sessionExpired() {
  if (!state.token) {
    return;
  }
  logout();
  showMessage('auth-message', 'Your session has ended. Please log in again.', 'info');
}

function logout() {
  setToken(null);
  stopLive();
  state.videos.clear();
  state.order = [];
  $('videos').replaceChildren();
  $('uploads').replaceChildren();
  showAuth();
}

function showAuth() {
  $('app-view').hidden = true;
  $('session').hidden = true;
  $('auth-view').hidden = false;
  $('who').textContent = '';
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

async function confirmEmail(token) {
  try {
    await api('/auth/verify-email', { method: 'POST', body: { token }, auth: false });
  } catch (error) {
    return { ok: false, text: error.message };
  }
  return { ok: true, text: 'Your e-mail address is confirmed.' };
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
  const result = await confirmEmail(landing.token);
  if (state.token) {
    await showApp();
  }
  if (state.token) {
    if (result.ok) {
      await recheckVerification().catch(() => {});
      showMessage('upload-message', `${result.text} You can upload videos now.`, 'info');
    } else {
      showMessage('upload-message', result.text);
    }
  } else {
    showAuth();
    showMessage('auth-message', result.ok ? `${result.text} Log in to upload videos.` : result.text,
      result.ok ? 'info' : 'error');
  }
  announce(result.text);
}

async function showApp() {
  $('auth-view').hidden = true;
  $('app-view').hidden = false;
  $('session').hidden = false;
  showMessage('auth-message', '');
  try {
    const me = await api('/auth/me');
    $('who').textContent = me && me.name ? `${me.name} (${me.email})` : (me && me.email) || '';
    showVerification(me);
  } catch (error) {
    if (error.status === 401) {
      return;
    }
  }
  await loadVideos();
  startLive();
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

/** A password form's submit: its button disabled while the action runs, a failure shown above the forms. */
function onSubmit(id, action) {
  $(id).addEventListener('submit', async (event) => {
    event.preventDefault();
    const form = event.currentTarget;
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    showMessage('auth-message', '');
    try {
      await action(form);
    } catch (error) {
      showMessage('auth-message', error.message);
    } finally {
      button.disabled = false;
    }
  });
}

function fieldValue(form, name) {
  return form.elements.namedItem(name).value;
}

async function login(email, password) {
  const result = await api('/auth/login', { method: 'POST', body: { email, password }, auth: false });
  setToken(result.accessToken);
}

function wireAuthForms() {
  $('login-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const form = event.currentTarget;
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    showMessage('auth-message', '');
    try {
      await login(fieldValue(form, 'email').trim(), fieldValue(form, 'password'));
      form.reset();
      await showApp();
      $('main').focus();
      announce('Logged in.');
      if (state.pendingDownload) {
        const id = state.pendingDownload;
        state.pendingDownload = null;
        await downloadFromEmail(id);
      }
    } catch (error) {
      showMessage('auth-message', error.message);
    } finally {
      button.disabled = false;
    }
  });

  $('register-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const form = event.currentTarget;
    const button = form.querySelector('button[type=submit]');
    const email = fieldValue(form, 'email').trim();
    const password = fieldValue(form, 'password');
    const name = fieldValue(form, 'name').trim();
    button.disabled = true;
    showMessage('auth-message', '');
    try {
      await api('/auth/register', { method: 'POST', body: { email, password, name }, auth: false });
      await login(email, password);
      form.reset();
      await showApp();
      $('main').focus();
      announce('Account created. Check your mailbox to confirm your e-mail address.');
    } catch (error) {
      showMessage('auth-message', error.message);
    } finally {
      button.disabled = false;
    }
  });

  $('forgot').addEventListener('click', () => {
    showPanel('forgot-form');
    $('forgot-email').value = $('login-email').value;
    $('forgot-email').focus();
  });
  $('forgot-form').querySelector('[data-close]').addEventListener('click', () => showPanel(null));

  onSubmit('forgot-form', async (form) => {
    await api('/auth/password-reset', { method: 'POST', body: { email: fieldValue(form, 'email').trim() },
      auth: false });
    form.reset();
    showPanel(null);
    showMessage('auth-message', 'If this address has an account, we sent it a link to reset the password. '
      + 'The link works for 30 minutes.', 'info');
  });

  onSubmit('reset-form', async (form) => {
    await api('/auth/password-reset/confirm', { method: 'POST',
      body: { token: form.dataset.token, password: fieldValue(form, 'password') }, auth: false });
    form.reset();
    delete form.dataset.token;
    showPanel(null);
    showMessage('auth-message', 'Your password is changed. Log in with the new one.', 'info');
    $('login-email').focus();
  });

  $('resend').addEventListener('click', async () => {
    const button = $('resend');
    button.disabled = true;
    try {
      await api('/auth/verify-email/resend', { method: 'POST' });
      showMessage('upload-message', 'We sent a new link. Links sent before no longer work.', 'info');
    } catch (error) {
      if (error.status === 409) {
        await recheckVerification().catch(() => {});
      } else if (error.status !== 401) {
        showMessage('upload-message', error.message);
      }
    } finally {
      button.disabled = false;
    }
  });

  $('logout').addEventListener('click', () => {
    logout();
    announce('Logged out.');
    $('login-email').focus();
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
  try {
    const page = await api(`/videos${query ? `?${query}` : ''}`);
    const listed = listOf(page);
    if (!more) {
      // A refresh shows the first page again; what is no longer listed was deleted (elsewhere, say).
      const ids = new Set(listed.map(videoId));
      [...state.videos.keys()].filter((id) => !ids.has(id)).forEach((id) => state.videos.delete(id));
      state.order = state.order.filter((id) => ids.has(id));
    }
    // Known videos whose status changed are announced, as with live updates.
    listed.forEach((video) => upsert(video));
    state.nextCursor = (page && !Array.isArray(page) && (page.nextCursor || page.cursor)) || null;
    showMessage('videos-message', '');
    render();
  } catch (error) {
    if (error.status !== 401) {
      showMessage('videos-message', error.message);
    }
  }
}

/** Merges what is known about a video; announces status changes unless quiet. */
function upsert(update, { quiet = false } = {}) {
  const id = videoId(update);
  if (!id) {
    return;
  }
  const before = state.videos.get(id);
  if (update.status === 'DELETED') {
    state.videos.delete(id);
    state.order = state.order.filter((known) => known !== id);
    return;
  }
  const merged = { ...(before || {}), ...stripNulls(update), id };
  state.videos.set(id, merged);
  if (!before) {
    state.order = [id, ...state.order.filter((known) => known !== id)];
    state.order.sort((a, b) => createdOf(state.videos.get(b)) - createdOf(state.videos.get(a)));
  }
  if (!quiet && before && before.status !== merged.status) {
    const name = merged.filename || 'A video';
    if (merged.status === 'DONE') {
      announce(`${name} is ready to download.`);
    } else if (merged.status === 'FAILED') {
      announce(`${name} failed: ${failureOf(merged) || 'no reason given'}.`);
    } else {
      announce(`${name}: ${STATUS_TEXT[merged.status] || merged.status}.`);
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

function formatTime(iso) {
  const time = Date.parse(iso || '');
  return Number.isNaN(time) ? '' : new Date(time).toLocaleString();
}

function describe(video) {
  const parts = [];
  const created = formatTime(video.createdAt);
  if (created) {
    parts.push(created);
  }
  if (Number.isFinite(Number(video.sizeBytes)) && video.sizeBytes !== undefined) {
    parts.push(formatBytes(Number(video.sizeBytes)));
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
    parts.push(`${progressOf(video)}% processed`);
  }
  if (video.status === 'WAITING') {
    parts.push('waits for one of your other videos to finish');
  }
  if (video.status === 'QUEUED') {
    parts.push('next in line for processing');
  }
  return parts.join(' · ');
}

function render() {
  const list = $('videos');
  const rows = new Map([...list.children].map((row) => [row.dataset.id, row]));
  const wanted = state.order.filter((id) => state.videos.has(id));
  wanted.forEach((id, index) => {
    let row = rows.get(id);
    if (!row) {
      row = createRow(id);
    }
    rows.delete(id);
    fillRow(row, state.videos.get(id));
    if (list.children[index] !== row) {
      list.insertBefore(row, list.children[index] || null);
    }
  });
  rows.forEach((row) => {
    if (row.contains(document.activeElement)) {
      $('videos-title').setAttribute('tabindex', '-1');
      $('videos-title').focus();
    }
    row.remove();
  });
  $('empty').hidden = wanted.length > 0;
  $('more').hidden = !state.nextCursor;
}

function createRow(id) {
  const row = $('video-template').content.firstElementChild.cloneNode(true);
  row.dataset.id = id;
  row.querySelector('.download').addEventListener('click', () => download(id, row.querySelector('.download')));
  row.querySelector('.delete').addEventListener('click', () => remove(id, row.querySelector('.delete')));
  return row;
}

function fillRow(row, video) {
  const name = video.filename || '(unnamed video)';
  row.querySelector('.video-name').textContent = name;
  row.querySelector('.video-name').title = name;
  const badge = row.querySelector('.badge');
  badge.textContent = STATUS_TEXT[video.status] || video.status || '';
  badge.className = `badge ${video.status || ''}`;
  row.querySelector('.video-meta').textContent = describe(video);
  const progress = row.querySelector('.video-progress');
  const processing = video.status === 'PROCESSING';
  progress.hidden = !processing;
  if (processing) {
    progress.value = progressOf(video);
    progress.textContent = `${progressOf(video)}%`;
    progress.setAttribute('aria-label', `Processing of ${name}`);
  }
  const error = row.querySelector('.video-error');
  error.hidden = video.status !== 'FAILED' && video.status !== 'EXPIRED';
  error.textContent = video.status === 'EXPIRED'
    ? 'The upload was not finished in time.'
    : `Reason: ${failureOf(video) || 'unknown'}`;
  const downloadButton = row.querySelector('.download');
  downloadButton.hidden = video.status !== 'DONE';
  downloadButton.setAttribute('aria-label', `Download the frames of ${name}`);
  row.querySelector('.delete').setAttribute('aria-label', `Delete ${name}`);
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
  button.disabled = true;
  try {
    await startDownload(id);
  } catch (error) {
    if (error.status !== 401) {
      showMessage('videos-message', error.message);
    }
  } finally {
    button.disabled = false;
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

async function remove(id, button) {
  const video = state.videos.get(id);
  const name = (video && video.filename) || 'this video';
  if (!window.confirm(`Delete ${name} and its frames?`)) {
    return;
  }
  button.disabled = true;
  try {
    await api(`/videos/${encodeURIComponent(id)}`, { method: 'DELETE' });
    upsert({ id, status: 'DELETED' });
    render();
    announce(`${name} deleted.`);
  } catch (error) {
    button.disabled = false;
    if (error.status === 404) {
      upsert({ id, status: 'DELETED' });
      render();
    } else if (error.status !== 401) {
      showMessage('videos-message', error.message);
    }
  }
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
        if (!known || !data.filename) {
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
  try {
    const video = await api(`/videos/${encodeURIComponent(id)}`);
    if (video) {
      upsert(video, { quiet: true });
      render();
    }
  } catch (error) {
    if (error.status === 404) {
      upsert({ id, status: 'DELETED' });
      render();
    }
  }
}

// ---------------------------------------------------------------- uploads

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

function validateOptions(options) {
  const fps = options.fps === undefined ? 1 : Number(options.fps);
  if (!(fps >= 0.01 && fps <= 30)) {
    return ['fps', 'Frames per second must be between 0.01 and 30.'];
  }
  if (options.maxWidth !== undefined) {
    const width = Number(options.maxWidth);
    if (!Number.isInteger(width) || width < 16 || width > 7680) {
      return ['max-width', 'The maximum width must be a whole number between 16 and 7680.'];
    }
  }
  return null;
}

function addUploadRow(file) {
  const row = $('upload-template').content.firstElementChild.cloneNode(true);
  row.querySelector('.upload-name').textContent = file.name;
  row.querySelector('.upload-name').title = file.name;
  const bar = row.querySelector('.upload-progress');
  bar.setAttribute('aria-label', `Upload of ${file.name}`);
  $('uploads').append(row);
  const status = row.querySelector('.upload-status');
  return {
    progress(loaded, total) {
      const percent = total > 0 ? Math.floor((loaded / total) * 100) : 0;
      bar.value = percent;
      bar.textContent = `${percent}%`;
      status.textContent = `${percent}% of ${formatBytes(total)}`;
    },
    done(text) {
      bar.value = 100;
      status.textContent = text;
      window.setTimeout(() => row.remove(), 4000);
    },
    failed(text) {
      row.classList.add('failed');
      status.textContent = text;
    },
  };
}

async function uploadStreamed(file, options, row) {
  const form = new FormData();
  // Options first: the server reads the body as a stream and checks them before storing the file.
  Object.entries(options).forEach(([name, value]) => form.append(name, value));
  form.append('files', file, file.name);
  const response = await send({
    method: 'POST',
    url: '/videos',
    body: form,
    headers: { Accept: 'application/json', Authorization: `Bearer ${state.token}` },
    onProgress: (loaded, total) => row.progress(loaded, total),
  });
  if (response.status === 401) {
    sessionExpired();
  }
  if (response.status < 200 || response.status >= 300) {
    throw new ApiError(response.status, response.body);
  }
  const created = listOf(response.body);
  (created.length ? created : [response.body]).forEach((video) => {
    if (video && videoId(video)) {
      upsert({ filename: file.name, sizeBytes: file.size, createdAt: new Date().toISOString(), ...video },
        { quiet: true });
    }
  });
}

async function uploadDirect(file, options, row) {
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
  const ticket = await api('/videos/uploads', { method: 'POST', body: request });
  const id = videoId(ticket);
  upsert({ id, filename: file.name, sizeBytes: file.size, status: 'UPLOADING',
    createdAt: new Date().toISOString() }, { quiet: true });
  render();
  const parts = ticket.parts || [];
  let completion = {};
  if (parts.length > 0) {
    const partSize = ticket.partSize || Math.ceil(file.size / parts.length);
    const loaded = new Array(parts.length).fill(0);
    const etags = [];
    for (let index = 0; index < parts.length; index += 1) {
      const part = parts[index];
      const start = index * partSize;
      const blob = file.slice(start, Math.min(file.size, start + partSize));
      const response = await send({
        method: 'PUT',
        url: part.url,
        body: blob,
        headers: part.headers || {},
        onProgress: (done) => {
          loaded[index] = done;
          row.progress(loaded.reduce((a, b) => a + b, 0), file.size);
        },
      });
      if (response.status < 200 || response.status >= 300) {
        throw new ApiError(response.status, { detail: `Storage refused part ${part.partNumber}.` });
      }
      loaded[index] = blob.size;
      etags.push({ partNumber: part.partNumber || index + 1, etag: response.header('ETag') });
    }
    // Without readable ETags (a storage that does not expose them), the server lists the uploaded parts itself.
    completion = etags.every((part) => part.etag) ? { parts: etags } : {};
  } else {
    const response = await send({
      method: ticket.method || 'PUT',
      url: ticket.url || ticket.uploadUrl,
      body: file,
      headers: ticket.headers || {},
      onProgress: (loaded, total) => row.progress(loaded, total),
    });
    if (response.status < 200 || response.status >= 300) {
      throw new ApiError(response.status, { detail: 'Storage refused the upload.' });
    }
  }
  const completeUrl = ticket.completeUrl || `/videos/${encodeURIComponent(id)}/complete`;
  const video = await api(completeUrl, { method: 'POST', body: completion });
  if (video && videoId(video)) {
    upsert(video, { quiet: true });
  }
}

async function uploadOne(file, options) {
  const row = addUploadRow(file);
  try {
    if (file.size > DIRECT_UPLOAD_THRESHOLD) {
      await uploadDirect(file, options, row);
    } else {
      await uploadStreamed(file, options, row);
    }
    row.done('Uploaded');
    render();
    announce(`${file.name} uploaded.`);
  } catch (error) {
    row.failed(error.message);
    announce(`Upload of ${file.name} failed: ${error.message}`);
    if (error.problem && error.problem.type === NOT_VERIFIED) {
      recheckVerification().catch(() => {});
    }
  }
}

async function uploadAll(files, options) {
  const queue = [...files];
  const workers = Array.from({ length: Math.min(PARALLEL_UPLOADS, queue.length) }, async () => {
    while (queue.length > 0 && state.token) {
      await uploadOne(queue.shift(), options);
    }
  });
  await Promise.all(workers);
}

function wireUploads() {
  const form = $('upload-form');
  const input = $('files');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    showMessage('upload-message', '');
    ['fps', 'max-width'].forEach((id) => $(id).removeAttribute('aria-invalid'));
    const files = [...input.files];
    if (files.length === 0) {
      showMessage('upload-message', 'Choose at least one video file.');
      input.focus();
      return;
    }
    const options = uploadOptions();
    const invalid = validateOptions(options);
    if (invalid) {
      $(invalid[0]).setAttribute('aria-invalid', 'true');
      showMessage('upload-message', invalid[1]);
      $(invalid[0]).focus();
      return;
    }
    const button = $('upload-button');
    button.disabled = true;
    input.value = '';
    try {
      await uploadAll(files, options);
    } finally {
      button.disabled = false;
    }
  });

  const zone = $('drop-zone');
  ['dragenter', 'dragover'].forEach((name) => zone.addEventListener(name, (event) => {
    event.preventDefault();
    zone.classList.add('dragging');
  }));
  ['dragleave', 'drop'].forEach((name) => zone.addEventListener(name, () => zone.classList.remove('dragging')));
  zone.addEventListener('drop', (event) => {
    event.preventDefault();
    if (event.dataTransfer && event.dataTransfer.files.length > 0) {
      input.files = event.dataTransfer.files;
      announce(`${event.dataTransfer.files.length} file(s) chosen.`);
    }
  });

  $('refresh').addEventListener('click', () => loadVideos());
  $('more').addEventListener('click', () => loadVideos({ more: true }));
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
if (state.token) {
  scheduleRefresh(state.token);
}
if (landing) {
  land(landing);
} else if (state.token) {
  showApp();
} else {
  showAuth();
}
