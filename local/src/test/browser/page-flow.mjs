// Drives the Framesmith page in Debian's headless Chromium: register (field errors first: the page's own, then one only
// the server finds), see that uploads wait for the confirmed address, ask for the link again, open the link, log out,
// log in (a wrong password first, said once), choose files (names, sizes and the estimate shown, one removed), refuse a
// bad option next to its field, upload a video, watch it reach DONE, see its contact sheet, download the ZIP; send a
// batch whose waiting videos show their own places in the queue and their length; retry a failed upload (a direct one
// too, hearing of its old video's deletion before the delete is answered), keep a failed one across a reload (and those
// of two tabs opened together) (once, and its video removed on Dismiss), stay logged in in a new tab; cancel uploads
// (direct and streamed, the video gone), renew a direct upload's URLs, delete one from another tab while it is sent,
// log out during uploads in two tabs (one still asking for its ticket); keep the uploads and chosen files when the
// session ends, in every tab, and go on after logging in; wait and go again by itself when the server refuses an upload
// for now; keep older videos shown across a reload of the list, and not bring back a video deleted while the list was
// on its way; ask for a fresh token again when a refresh fails; the phone layout (name, top after log-in, many uploads,
// a long file name); then forget the password and set a new one, and see another account logging in in another tab take
// nothing over. Every screen is checked with axe-core (no serious or critical violation). Exits 0 on success; prints
// what went wrong and exits 1 otherwise.
//
// Environment: BASE_URL (the gateway), VIDEO_FILE (a small video), BIG_VIDEO_FILE (a file over the page's direct
// upload threshold, sent straight to storage), OUT_DIR (where the ZIP and screenshots go), MAILBOX_URL (the SES
// stand-in's JSON store of sent e-mails, where the account links arrive), CHROMIUM (default /usr/bin/chromium).
import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const baseUrl = required('BASE_URL');
const videoFile = required('VIDEO_FILE');
const bigVideoFile = required('BIG_VIDEO_FILE');
const outDir = required('OUT_DIR');
const mailboxUrl = required('MAILBOX_URL');
const workerPid = Number(required('WORKER_PID'));
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
const PROCESSING_TIMEOUT = 5 * 60 * 1000;
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const baseOrigin = new URL(baseUrl).origin;

function required(name) {
  const value = process.env[name];
  if (!value) {
    console.error(`${name} is not set`);
    process.exit(2);
  }
  return value;
}

function step(text) {
  console.log(`[page-flow] ${text}`);
}

/** The processes below `pid` (children, then theirs), from ps. */
function descendants(pid) {
  const rows = execFileSync('ps', ['-e', '-o', 'pid=,ppid='], { encoding: 'utf8' }).trim().split('\n')
    .map((line) => line.trim().split(/\s+/).map(Number));
  const found = [];
  const parents = [pid];
  while (parents.length > 0) {
    const parent = parents.shift();
    rows.filter(([, ppid]) => ppid === parent).forEach(([child]) => {
      found.push(child);
      parents.push(child);
    });
  }
  return found;
}

function check(condition, message) {
  if (!condition) {
    throw new Error(message);
  }
}

/**
 * The link of an account e-mail ('verify-email' or 'reset-password') sent to the address, as a person finds it in
 * the mailbox: waits for one that is not among the links already seen.
 */
async function mailedLink(key, email, seen = []) {
  const pattern = new RegExp(`https?://[^\\s"'<>]+#${key}=[A-Za-z0-9_-]+`, 'g');
  const deadline = Date.now() + 120000;
  while (Date.now() < deadline) {
    const store = await (await fetch(mailboxUrl)).json();
    const links = (store.emails || [])
      .filter((sent) => (sent.destination?.to || []).some((to) => to.toLowerCase().includes(email.toLowerCase())))
      .flatMap((sent) => (sent.body?.text || '').match(pattern) || [])
      .filter((link) => !seen.includes(link));
    if (links.length > 0) {
      return links[0];
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`no new ${key} e-mail to ${email} within 2 minutes`);
}

const audited = [];
/** axe-core on the page as it is now: no serious or critical violation. */
async function audit(page, screen) {
  if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) {
    // Evaluated by the browser's debugging protocol: the page's content security policy (own scripts only) stays on.
    await page.evaluate(`${readFileSync(axePath, 'utf8')}\n;0`);
  }
  const violations = await page.evaluate(async () => (await window.axe.run(document, {
    resultTypes: ['violations'],
  })).violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
    targets: v.nodes.map((node) => node.target.join(' ')).slice(0, 5) })));
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  violations.filter((v) => !bad.includes(v)).forEach((v) => step(`axe (${screen}, ${v.impact}): ${v.id} ${v.help}`));
  check(bad.length === 0, `accessibility violations on "${screen}": ${JSON.stringify(bad, null, 1)}`);
  audited.push(screen);
}

/** A request to the API from the page, with the token it keeps: {status, json} (json null without a body). */
async function apiCall(page, method, path, body) {
  return page.evaluate(async ([m, p, b]) => {
    const headers = { Authorization: `Bearer ${localStorage.getItem('framesmith.token')}`, Accept: 'application/json' };
    if (b !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    const response = await fetch(p, { method: m, headers, body: b === undefined ? undefined : JSON.stringify(b) });
    const text = await response.text();
    return { status: response.status, json: text ? JSON.parse(text) : null };
  }, [method, path, body]);
}

/** The caller's videos through the API. */
async function apiVideos(page) {
  return (await apiCall(page, 'GET', '/videos?limit=100')).json.videos;
}

/** What the page has said to screen readers and still holds in its live region. */
async function announcements(target) {
  return target.locator('#announcer p').allTextContents();
}

/** Requests that leave the page's origin: the bucket's presigned URLs. */
const storageOnly = (url) => url.origin !== baseOrigin;
/** Storage refuses every PUT (the connection fails): a direct upload fails half-way, its video left "Uploading". */
const refuseStorage = (route) => (route.request().method() === 'PUT' ? route.abort('failed') : route.continue());

/** Holds every POST /videos (a streamed upload) of the page until answered: the upload is "in progress". */
async function holdStreamedUploads(target) {
  const held = [];
  const matcher = `${baseOrigin}/videos`;
  const handler = (route) => (route.request().method() === 'POST' ? held.push(route) : route.continue());
  await target.route(matcher, handler);
  return {
    held,
    async stop() {
      await target.unroute(matcher, handler);
    },
  };
}

/** Waits up to 15 s for the condition to hold. */
async function eventually(condition, message) {
  const deadline = Date.now() + 15000;
  while (!(await condition())) {
    check(Date.now() < deadline, message);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Holds every PUT to the bucket (a direct upload) until released: the transfer is "in progress" meanwhile. */
async function holdStorageUploads(page) {
  const held = [];
  const matcher = (url) => url.origin !== baseOrigin;
  const handler = (route) => {
    if (route.request().method() === 'PUT') {
      held.push(route);
    } else {
      route.continue().catch(() => {});
    }
  };
  await page.route(matcher, handler);
  return {
    held,
    async release() {
      await page.unroute(matcher, handler);
      await Promise.all(held.splice(0).map((route) => route.continue().catch(() => {})));
    },
  };
}

async function waitForStatus(row, wanted) {
  const seen = new Set();
  const deadline = Date.now() + PROCESSING_TIMEOUT;
  for (;;) {
    const status = (await row.locator('.badge').textContent()).trim();
    if (!seen.has(status)) {
      seen.add(status);
      step(`status ${status}`);
    }
    if (status === wanted) {
      return;
    }
    if (status === 'Failed') {
      throw new Error(`the video failed: ${await row.locator('.video-error').textContent()}`);
    }
    if (Date.now() > deadline) {
      throw new Error(`not ${wanted} after ${PROCESSING_TIMEOUT / 1000} s (statuses seen: ${[...seen].join(', ')})`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

if (!existsSync(executablePath)) {
  console.error(`${executablePath} not found: install Debian's Chromium (apt-get install -y chromium)`);
  process.exit(3);
}
mkdirSync(outDir, { recursive: true });

const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run'],
});
const pageErrors = [];
let page;
const shot = (name, target = page) => target.screenshot({ path: path.join(outDir, name) });

function watch(target) {
  target.on('pageerror', (error) => pageErrors.push(error.message));
  target.on('console', (message) => {
    if (message.type() === 'error') {
      console.log(`[browser console] ${message.text()}`);
      // Whatever the content security policy blocks is a broken feature.
      if (message.text().includes('Content Security Policy')) {
        pageErrors.push(message.text());
      }
    }
  });
  target.on('dialog', (dialog) => dialog.accept());
  target.setDefaultTimeout(30000);
}

try {
  const context = await browser.newContext({ acceptDownloads: true, viewport: DESKTOP });
  page = await context.newPage();
  watch(page);

  const email = `browser-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`;
  const password = 'a long enough password';
  const name = 'Maria Fernanda Albuquerque dos Santos Oliveira';
  const filename = path.basename(videoFile);
  const bigName = path.basename(bigVideoFile);

  step(`open ${baseUrl}`);
  await page.goto(baseUrl);
  await page.getByRole('heading', { name: 'Create an account' }).waitFor();
  await shot('1-start.png');
  await audit(page, 'log in and sign up');

  step('sign-up errors are shown next to their fields');
  const register = page.locator('#register-form');
  await register.getByLabel('E-mail').fill('not-an-address');
  await register.getByLabel('Password').fill('short');
  await register.getByRole('button', { name: 'Create account' }).click();
  await page.locator('#register-name-error', { hasText: 'Enter your name.' }).waitFor();
  check(await page.locator('#register-name').getAttribute('aria-invalid') === 'true', 'the name is not aria-invalid');
  check((await page.locator('#register-email').getAttribute('aria-describedby')).includes('register-email-error'),
    'the e-mail error is not tied to its field');
  await page.locator('#register-password-error', { hasText: '8 to 72 bytes' }).waitFor();
  check(await page.evaluate(() => document.activeElement.id) === 'register-name', 'the focus is not on the first error');
  await shot('1-field-errors.png');
  await audit(page, 'sign-up field errors');

  step('an error only the server finds is shown next to its field too');
  await register.getByLabel('Name').fill(`${name} \u202Eevil`);
  await register.getByLabel('E-mail').fill(email);
  await register.getByLabel('Password').fill(password);
  await register.getByRole('button', { name: 'Create account' }).click();
  await page.locator('#register-name-error', { hasText: 'text-direction control characters' }).waitFor();
  check(await page.locator('#register-name').getAttribute('aria-invalid') === 'true',
    'the name refused by the server is not aria-invalid');
  check(await page.locator('#register-email').getAttribute('aria-invalid') === null
    && await page.locator('#register-password').getAttribute('aria-invalid') === null,
    'a field the server accepted is still marked invalid');
  check(await page.evaluate(() => document.activeElement.id) === 'register-name',
    'the focus is not on the field the server refused');

  step('register');
  await register.getByLabel('Name').fill(name);
  await register.getByLabel('E-mail').fill(email);
  await register.getByLabel('Password').fill(password);
  await register.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('heading', { name: 'Your videos', exact: true }).waitFor();
  check(await page.evaluate(() => document.activeElement.id) === 'app-title', 'the focus is not on the page heading');
  await page.locator('#who').filter({ hasText: name }).waitFor();

  step('uploads wait for the confirmed address');
  await page.locator('#verify-banner', { hasText: 'Check your mailbox' }).waitFor();
  check(await page.getByRole('button', { name: 'Upload', exact: true }).isDisabled(),
    'uploads are open before the address is confirmed');
  const lockedCursor = await page.getByRole('button', { name: 'Upload', exact: true })
    .evaluate((button) => getComputedStyle(button).cursor);
  check(lockedCursor !== 'progress', 'a locked button shows a busy cursor');
  const firstLink = await mailedLink('verify-email', email);
  await page.getByRole('button', { name: 'Send the link again' }).click();
  await page.locator('#upload-message', { hasText: 'We sent a new link' }).waitFor();
  await shot('1-unconfirmed.png');
  await audit(page, 'unconfirmed address');

  step('open the confirmation link logged out: it confirms the address once its account has logged in');
  // The link sent again replaces the first one, which arrived before it was asked for.
  const verifyLink = await mailedLink('verify-email', email, [firstLink]);
  check(verifyLink.startsWith(`${baseUrl.replace(/\/$/, '')}/#verify-email=`), `not a confirmation link: ${verifyLink}`);
  await page.getByRole('button', { name: 'Log out' }).click();
  await page.goto(verifyLink);
  await page.locator('#auth-message', { hasText: 'Log in to confirm your e-mail address.' }).waitFor();
  check(!page.url().includes('#'), `the token stayed in the address bar: ${page.url()}`);
  await audit(page, 'log in to confirm the address');
  await page.locator('#login-form').getByLabel('E-mail').fill(email);
  await page.locator('#login-form').getByLabel('Password').fill(password);
  await page.locator('#login-form').getByRole('button', { name: 'Log in' }).click();
  await page.locator('#upload-message', { hasText: 'Your e-mail address is confirmed. You can upload videos now.' })
    .waitFor();
  await page.locator('#verify-banner').waitFor({ state: 'hidden' });

  step('log out and log in again, by keyboard');
  await page.getByRole('button', { name: 'Log out' }).click();
  const login = page.locator('#login-form');
  check(await login.getByLabel('E-mail').inputValue() === '', 'the e-mail stayed after a log-out on purpose');
  await login.getByLabel('E-mail').fill(email);
  await login.getByLabel('Password').fill('not the password at all');
  await login.getByLabel('Password').press('Enter');
  const refusal = page.locator('#auth-message[role="alert"]:not([hidden])');
  await refusal.waitFor();
  const refused = (await refusal.textContent()).trim().replace(/\.$/, '');
  await page.waitForTimeout(300);
  check(refused.length > 0 && !(await announcements(page)).some((text) => text.replace(/\.$/, '') === refused),
    `the error "${refused}" is said twice (an alert and an announcement)`);
  await audit(page, 'log-in refused');
  await login.getByLabel('Password').fill(password);
  await login.getByLabel('Password').press('Enter');
  await page.getByRole('heading', { name: 'Your videos', exact: true }).waitFor();
  const mainOutline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  check(mainOutline === 'none', `the focused element after log-in draws an outline (${mainOutline})`);
  check(await page.evaluate(() => window.scrollY) === 0, 'the page is not at its top after log-in');

  step('choose files: names, sizes, the estimate; remove one; drop one; a bad option is refused next to its field');
  await page.locator('#files').setInputFiles(videoFile);
  await page.locator('#files').setInputFiles(bigVideoFile);
  const chosen = page.locator('#selection li');
  await chosen.filter({ hasText: filename }).locator('.selected-facts',
    { hasText: /^\d+ KB · 0:03 · about 3 frames, ZIP about \d+ KB$/ }).waitFor();
  check(await chosen.count() === 2, 'a second choice replaced the first');
  await chosen.filter({ hasText: bigName }).getByRole('button', { name: `Remove ${bigName}` }).click();
  await page.waitForFunction(() => document.querySelectorAll('#selection li').length === 1);
  // A file dropped anywhere on the page (here on the top bar) joins the selection.
  const dropped = await page.evaluateHandle(({ bytes, name }) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([new Uint8Array(bytes)], name, { type: 'video/mp4' }));
    return transfer;
  }, { bytes: [...readFileSync(videoFile)], name: 'dropped.mp4' });
  await page.dispatchEvent('header', 'dragenter', { dataTransfer: dropped });
  await page.dispatchEvent('header', 'drop', { dataTransfer: dropped });
  await chosen.filter({ hasText: 'dropped.mp4' }).waitFor();
  check(await chosen.count() === 2, 'a dropped file replaced the selection');
  await chosen.filter({ hasText: 'dropped.mp4' }).getByRole('button', { name: 'Remove dropped.mp4' }).click();
  await page.waitForFunction(() => document.querySelectorAll('#selection li').length === 1);
  await page.getByLabel('Frames per second').fill('99');
  await page.getByRole('button', { name: 'Upload', exact: true }).click();
  await page.locator('#fps-error', { hasText: 'between 0.01 and 30' }).waitFor();
  check(await page.locator('#fps').getAttribute('aria-invalid') === 'true', 'fps is not aria-invalid');
  check(await page.evaluate(() => document.activeElement.id) === 'fps', 'the focus is not on the invalid option');
  await audit(page, 'upload form with a field error and a chosen file');
  await page.getByLabel('Frames per second').fill('1');
  await chosen.locator('.selected-facts', { hasText: 'about 3 frames' }).waitFor();

  step(`upload ${filename}`);
  await page.getByRole('button', { name: 'Upload', exact: true }).click();
  const row = page.locator('#videos li.video').filter({ hasText: filename });
  await row.waitFor({ timeout: 60000 });
  await page.locator('#uploads li').filter({ hasText: filename }).waitFor({ state: 'detached' });
  await page.locator('#announcer p', { hasText: `${filename} uploaded.` }).waitFor({ state: 'attached' });
  check(await page.locator('#announcer p').count() >= 2, 'announcements replaced one another');
  await row.locator('.video-options', { hasText: '1 frame per second · JPEG · at most 1920 px wide' }).waitFor();
  await shot('2-uploaded.png');
  await audit(page, 'a video just uploaded');

  step('wait for DONE');
  await waitForStatus(row, 'Done');
  const meta = await row.locator('.video-meta').textContent();
  check(/just now · .*0:03 · 3 frames · ZIP/.test(meta), `the row does not say when, how long and what: "${meta}"`);

  step('the contact sheet: a thumbnail, large on click');
  const thumb = row.getByRole('button', { name: `Show the contact sheet of ${filename}` });
  await thumb.waitFor();
  await page.waitForFunction((id) => {
    const image = document.querySelector(`#videos li[data-id="${id}"] .thumb img`);
    return image && image.complete && image.naturalWidth > 0;
  }, await row.getAttribute('data-id'));
  await shot('3-done.png');
  await shot('desktop-1280x900.png');
  await audit(page, 'a video done, with its contact sheet');
  await thumb.click();
  const dialog = page.getByRole('dialog', { name: `Contact sheet of ${filename}` });
  await dialog.waitFor();
  check(await page.evaluate(() => document.getElementById('preview-image').naturalWidth) === 3 * 160 + 2 * 2,
    'the contact sheet is not a row of the 3 frames at 160 px');
  await shot('3-contact-sheet.png');
  await audit(page, 'contact sheet opened');
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  check(await thumb.evaluate((button) => button === document.activeElement), 'the focus did not return to the thumbnail');

  step('download the ZIP, by keyboard: the focus stays on the button');
  const downloadButton = row.getByRole('button', { name: /Download ZIP of the frames of/ });
  await downloadButton.focus();
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  const zipPath = path.join(outDir, 'frames.zip');
  await download.saveAs(zipPath);
  step(`saved ${zipPath}`);
  await page.waitForFunction(() => !document.activeElement || document.activeElement !== document.body,
    null, { timeout: 3000 }).catch(() => {});
  check(await downloadButton.evaluate((button) => button === document.activeElement),
    'the focus fell to the page after Download');

  step('a batch of eight: the waiting ones show their own places in the queue and their length; processing "starting"');
  await page.evaluate(() => {
    window.seenMeta = new Set();
    window.seenAnnouncements = [];
    new MutationObserver(() => document.querySelectorAll('#videos .video-meta')
      .forEach((meta) => window.seenMeta.add(meta.textContent)))
      .observe(document.getElementById('videos'), { subtree: true, childList: true, characterData: true });
    new MutationObserver(() => window.seenAnnouncements
      .push([...document.querySelectorAll('#announcer p')].map((line) => line.textContent)))
      .observe(document.getElementById('announcer'), { subtree: true, childList: true, characterData: true });
  });
  const clip = readFileSync(videoFile);
  const batch = Array.from({ length: 8 }, (_, i) => ({ name: `batch-${i + 1}.mp4`, mimeType: 'video/mp4',
    buffer: clip }));
  await page.getByLabel('Frames per second').fill('10');
  await page.locator('#files').setInputFiles(batch);
  await page.waitForFunction(() => {
    const facts = [...document.querySelectorAll('#selection .selected-facts')];
    return facts.length === 8 && facts.every((line) => line.textContent.includes('0:03'));
  });
  // The worker is held (SIGSTOP) while the batch arrives, so that one waits in the processing queue (a user's jobs
  // are sent one at a time) and seven in the user's own queue however fast this machine extracts; it goes on once
  // their places have been seen.
  process.kill(workerPid, 'SIGSTOP');
  let waiting;
  try {
    await page.getByRole('button', { name: 'Upload 8 videos' }).click();
    waiting = await (await page.waitForFunction(() => {
      const meta = [...document.querySelectorAll('#videos li.video .video-meta')].map((line) => line.textContent);
      const lines = meta.filter((text) => text.includes('in your queue'));
      const places = new Set(lines.map((text) => (/(\d+)(st|nd|rd|th) in your queue/.exec(text) || [])[1]));
      const queued = meta.filter((text) => text.includes('in the processing queue'));
      // Each row shows its length once the page has read it from the chosen file: wait for all seven.
      return lines.length === 7 && places.size === 7 && queued.length === 1
        && lines.every((text) => text.includes('0:03')) ? lines : null;
    }, null, { timeout: 120000, polling: 100 })).jsonValue();
    step('the first waiting video deleted elsewhere (another tab): the six behind it move up');
    const firstWaiting = await page.evaluate(() => [...document.querySelectorAll('#videos li.video')]
      .find((row) => / 1st in your queue/.test(` ${row.querySelector('.video-meta').textContent}`)).dataset.id);
    check((await apiCall(page, 'DELETE', `/videos/${encodeURIComponent(firstWaiting)}`)).status === 204,
      'the first waiting video could not be deleted');
    await page.waitForFunction(() => [...document.querySelectorAll('#videos li.video .video-meta')]
      .map((meta) => (/(\d+)(st|nd|rd|th) in your queue/.exec(meta.textContent) || [])[1]).filter(Boolean)
      .sort().join() === '1,2,3,4,5,6', null, { timeout: 15000, polling: 100 });
    await audit(page, 'a batch: videos queued and waiting in the user\'s queue');
  } finally {
    process.kill(workerPid, 'SIGCONT');
  }
  step(`waiting: ${waiting.join(' | ')}`);
  // Each job's processes (ffprobe, FFmpeg, the decoder) are held (SIGSTOP) as they start, so that a job sits
  // PROCESSING before its first progress however fast this machine extracts; they go on once the page said so.
  const held = new Set();
  try {
    const until = Date.now() + 120000;
    while (!await page.evaluate(() => [...window.seenMeta].some((text) => text.includes('starting')))) {
      check(Date.now() < until, 'no processing video was shown as "starting" within 120 s');
      descendants(workerPid).filter((pid) => !held.has(pid)).forEach((pid) => {
        try {
          process.kill(pid, 'SIGSTOP');
          held.add(pid);
        } catch {
          // It ended meanwhile.
        }
      });
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    held.forEach((pid) => {
      try {
        process.kill(pid, 'SIGCONT');
      } catch {
        // It was ended meanwhile.
      }
    });
  }
  step(`"starting" shown; ${held.size} job processes were held until then`);
  const metas = await page.evaluate(() => [...window.seenMeta]);
  check(metas.every((text) => !text.includes('0% processed')), `a video said "0% processed": ${metas}`);
  const heard = await page.evaluate(() => window.seenAnnouncements);
  check(heard.some((lines) => lines.filter((text) => /^batch-\d\.mp4 uploaded\.$/.test(text)).length >= 2),
    'uploads finishing together did not stay announced together');
  await page.getByLabel('Frames per second').fill('1');

  step('a failed upload says so, and its Retry sends it again');
  const failing = (route) => (route.request().method() === 'POST' ? route.abort('failed') : route.continue());
  await page.route(`${baseOrigin}/videos`, failing);
  await page.locator('#files').setInputFiles(videoFile);
  await page.getByRole('button', { name: 'Upload', exact: true }).click();
  const failedRow = page.locator('#uploads li.failed').filter({ hasText: filename });
  await failedRow.locator('.upload-status', { hasText: 'Failed: The server cannot be reached' }).waitFor();
  check(await failedRow.locator('.upload-progress').evaluate((bar) => getComputedStyle(bar).accentColor)
    !== await page.evaluate(() => getComputedStyle(document.querySelector('#videos progress') || document.body)
      .accentColor), 'a failed upload looks like a running one');
  const failureTexts = [await failedRow.locator('.upload-status').textContent(), ...await announcements(page)];
  check(failureTexts.every((text) => !text.includes('..')), `a doubled full stop: ${failureTexts.join(' | ')}`);
  await shot('4-upload-failed.png');
  await audit(page, 'failed upload');
  await page.unroute(`${baseOrigin}/videos`, failing);
  await failedRow.getByRole('button', { name: `Retry the upload of ${filename}` }).click();
  await page.locator('#uploads li').filter({ hasText: filename }).waitFor({ state: 'detached', timeout: 60000 });
  await page.waitForFunction((name) => [...document.querySelectorAll('#videos .video-name')]
    .filter((n) => n.textContent === name).length === 2, filename);

  step('a failed direct upload: after a reload it shows once, and Dismiss removes its video');
  await page.route(storageOnly, refuseStorage);
  await page.locator('#files').setInputFiles(bigVideoFile);
  await page.getByRole('button', { name: 'Upload', exact: true }).click();
  const failedBig = page.locator('#uploads li.failed').filter({ hasText: bigName });
  await failedBig.waitFor();
  await page.unroute(storageOnly, refuseStorage);
  check((await apiVideos(page)).some((video) => video.filename === bigName && video.status === 'UPLOADING'),
    'the failed direct upload has no video');
  await page.reload();
  await page.getByRole('heading', { name: 'Your videos', exact: true }).waitFor();
  await failedBig.waitFor();
  await page.waitForFunction(() => document.querySelectorAll('#videos li.video').length > 0);
  check(await page.locator('#videos li').filter({ hasText: bigName }).count() === 0,
    'a failed upload shows twice after a reload (its row and a list row)');
  await failedBig.getByRole('button', { name: `Dismiss the failed upload of ${bigName}` }).click();
  await failedBig.waitFor({ state: 'detached' });
  const afterDismiss = await page.evaluate(() => ({ id: document.activeElement.id,
    line: getComputedStyle(document.activeElement).textDecorationLine }));
  check(afterDismiss.id === 'upload-title' && afterDismiss.line.includes('underline'),
    `the focused heading shows no focus: ${JSON.stringify(afterDismiss)}`);
  await eventually(async () => (await apiVideos(page)).every((video) => video.filename !== bigName),
    'a dismissed upload left its video');

  step('a failed direct upload retried: hearing its old video deleted (before the delete is answered) does not stop it');
  await page.route(storageOnly, refuseStorage);
  await page.locator('#files').setInputFiles(bigVideoFile);
  await page.getByRole('button', { name: 'Upload', exact: true }).click();
  await failedBig.waitFor();
  await page.unroute(storageOnly, refuseStorage);
  const stoppedId = (await apiVideos(page)).find((video) => video.filename === bigName
    && video.status === 'UPLOADING').id;
  let deleteAnswered = null;
  const slowDelete = (route) => {
    if (route.request().method() !== 'DELETE') {
      return route.continue();
    }
    deleteAnswered = route.fetch()
      .then((response) => new Promise((resolve) => setTimeout(() => resolve(response), 5000)))
      .then((response) => route.fulfill({ response }));
    return deleteAnswered;
  };
  await page.route(`${baseOrigin}/videos/*`, slowDelete);
  await failedBig.getByRole('button', { name: `Retry the upload of ${bigName}` }).click();
  await eventually(async () => deleteAnswered !== null, 'the retry did not remove the stopped upload\'s video');
  await deleteAnswered;
  await page.locator('#uploads li').filter({ hasText: bigName }).waitFor({ state: 'detached', timeout: 60000 });
  await page.unroute(`${baseOrigin}/videos/*`, slowDelete);
  await eventually(async () => (await apiVideos(page)).some((video) => video.filename === bigName
    && video.id !== stoppedId && video.status !== 'UPLOADING'), 'the retried upload was stopped by its old video\'s deletion');
  check((await apiVideos(page)).every((video) => video.id !== stoppedId), 'the stopped upload\'s video stayed');
  const retried = (await apiVideos(page)).find((video) => video.filename === bigName);
  check((await apiCall(page, 'DELETE', `/videos/${retried.id}`)).status === 204, 'the retried video was not deleted');
  await page.locator(`#videos li.video[data-id="${retried.id}"]`).waitFor({ state: 'detached' });

  step('a failed upload outlives a reload; its file chosen again, it is sent; the session outlives the reload');
  await page.route(`${baseOrigin}/videos`, failing);
  await page.locator('#files').setInputFiles(videoFile);
  await page.getByRole('button', { name: 'Upload', exact: true }).click();
  await failedRow.waitFor();
  await page.unroute(`${baseOrigin}/videos`, failing);
  await page.reload();
  await page.getByRole('heading', { name: 'Your videos', exact: true }).waitFor();
  const restored = page.locator('#uploads li.failed').filter({ hasText: 'Choose the file again to retry' });
  await restored.waitFor();
  await audit(page, 'a failed upload after a reload');
  const sameName = async () => (await apiVideos(page)).filter((video) => video.filename === filename).length;
  const before = await sameName();
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'),
    restored.getByRole('button', { name: `Choose again the file ${filename} to retry its upload` }).click()]);
  await chooser.setFiles(videoFile);
  await restored.waitFor({ state: 'detached' });
  await eventually(async () => (await sameName()) === before + 1, 'the file chosen again was not uploaded');
  check(await page.evaluate(() => document.activeElement !== document.body),
    'the focus fell to the page after the upload');

  step('the failed uploads of two tabs opened together are both remembered');
  const twins = [await context.newPage(), await context.newPage()];
  for (const twin of twins) {
    watch(twin);
    await twin.goto(baseUrl);
    await twin.getByRole('heading', { name: 'Your videos', exact: true }).waitFor();
  }
  for (const twin of twins) {
    await twin.route(`${baseOrigin}/videos`, failing);
    await twin.locator('#files').setInputFiles(videoFile);
    await twin.getByRole('button', { name: 'Upload', exact: true }).click();
    await twin.locator('#uploads li.failed').filter({ hasText: filename }).waitFor();
  }
  const remembered = await page.evaluate(() => Object.entries(localStorage)
    .filter(([key]) => key.startsWith('framesmith.failed-uploads')).flatMap(([, value]) => JSON.parse(value)));
  check(remembered.length === 2, `the failed uploads of two tabs, as remembered: ${JSON.stringify(remembered)}`);
  for (const twin of twins) {
    await twin.getByRole('button', { name: `Dismiss the failed upload of ${filename}` }).click();
    await twin.close();
  }

  step('the checks before an upload are the limits the API states (GET /videos/limits)');
  const limits = await apiCall(page, 'GET', '/videos/limits');
  check(limits.status === 200 && limits.json.maxFrames > 0, `GET /videos/limits: ${JSON.stringify(limits)}`);
  check(await page.locator('#max-width').getAttribute('placeholder') === String(limits.json.maxWidth.default),
    'the width field does not show the default width the API states');
  const stricter = { ...limits.json, maxFrames: 2, maxOutputBytes: 10240, fps: { ...limits.json.fps, max: 5 } };
  const stated = (route) => route.fulfill({ json: stricter });
  await page.route(`${baseOrigin}/videos/limits`, stated);
  await page.reload();
  await page.getByRole('heading', { name: 'Your videos', exact: true }).waitFor();
  await page.locator('#files').setInputFiles(videoFile);
  await page.locator('#selection .selected-facts', { hasText: 'more than the 2 frames a video may have' }).waitFor();
  await page.locator('#selection .selected-facts', { hasText: 'more than the 10 KB a video\'s frames may take' })
    .waitFor();
  await page.getByLabel('Frames per second').fill('6');
  await page.getByRole('button', { name: 'Upload', exact: true }).click();
  await page.locator('#fps-error', { hasText: 'between 0.01 and 5' }).waitFor();
  await page.getByLabel('Frames per second').fill('1');
  await page.getByRole('button', { name: `Remove ${filename}` }).click();
  await page.unroute(`${baseOrigin}/videos/limits`, stated);
  await page.reload();
  await page.getByRole('heading', { name: 'Your videos', exact: true }).waitFor();

  step('uploads go as many at once as the API states (concurrentUploads), not more');
  const oneAtOnce = (route) => route.fulfill({ json: { ...limits.json, concurrentUploads: 1 } });
  await page.route(`${baseOrigin}/videos/limits`, oneAtOnce);
  await page.reload();
  await page.getByRole('heading', { name: 'Your videos', exact: true }).waitFor();
  let sendingNow = 0;
  let mostAtOnce = 0;
  // Each POST /videos is answered 0.5 s after the server's answer, so that uploads the page ran together would overlap.
  const counted = async (route) => {
    if (route.request().method() !== 'POST') {
      return route.continue();
    }
    sendingNow += 1;
    mostAtOnce = Math.max(mostAtOnce, sendingNow);
    try {
      const response = await route.fetch();
      await new Promise((resolve) => setTimeout(resolve, 500));
      return await route.fulfill({ response });
    } finally {
      sendingNow -= 1;
    }
  };
  await page.route(`${baseOrigin}/videos`, counted);
  const pair = [1, 2].map((i) => ({ name: `one-at-once-${i}.mp4`, mimeType: 'video/mp4',
    buffer: readFileSync(videoFile) }));
  await page.locator('#files').setInputFiles(pair);
  await page.getByRole('button', { name: 'Upload 2 videos' }).click();
  await page.waitForFunction(() => document.querySelectorAll('#uploads li').length > 0);
  await page.waitForFunction(() => document.querySelectorAll('#uploads li').length === 0);
  await page.unroute(`${baseOrigin}/videos`, counted);
  await page.unroute(`${baseOrigin}/videos/limits`, oneAtOnce);
  check(mostAtOnce === 1, `${mostAtOnce} uploads ran at once where the API allows 1`);
  const sentOneAtOnce = (await apiVideos(page)).filter((each) => each.filename.startsWith('one-at-once-'));
  check(sentOneAtOnce.length === 2, `${sentOneAtOnce.length} of the 2 uploads arrived`);
  for (const video of sentOneAtOnce) {
    await apiCall(page, 'DELETE', `/videos/${video.id}`);
  }
  await page.reload();
  await page.getByRole('heading', { name: 'Your videos', exact: true }).waitFor();

  step('a new tab is logged in too');
  const other = await context.newPage();
  watch(other);
  await other.goto(baseUrl);
  await other.getByRole('heading', { name: 'Your videos', exact: true }).waitFor();

  step('cancel an upload: the transfer stops and its video goes; listed before its ticket came, it still shows once');
  let storage = await holdStorageUploads(page);
  let releaseTicket = null;
  const holdTicket = async (route) => {
    const response = await route.fetch();
    releaseTicket = () => route.fulfill({ response });
  };
  await page.route(`${baseOrigin}/videos/uploads`, holdTicket, { times: 1 });
  await page.locator('#files').setInputFiles(bigVideoFile);
  await page.getByRole('button', { name: 'Upload', exact: true }).click();
  for (let i = 0; i < 200 && releaseTicket === null; i += 1) {
    await page.waitForTimeout(100);
  }
  check(releaseTicket !== null, 'the direct upload was never started');
  await page.getByRole('button', { name: 'Refresh' }).click();
  await page.locator('#videos li').filter({ hasText: bigName }).waitFor();
  await releaseTicket();
  await page.waitForFunction(() => document.querySelectorAll('#uploads li').length === 1);
  const sending = page.locator('#uploads li').filter({ hasText: bigName });
  for (let i = 0; i < 200 && storage.held.length === 0; i += 1) {
    await page.waitForTimeout(100);
  }
  check(storage.held.length === 1, 'the direct upload never started');
  check(await page.locator('#videos li').filter({ hasText: bigName }).count() === 0,
    'an upload in progress shows twice');
  await audit(page, 'an upload in progress');
  await sending.getByRole('button', { name: `Cancel the upload of ${bigName}` }).click();
  await sending.waitFor({ state: 'detached' });
  await page.waitForFunction(() => document.activeElement !== document.body);
  await eventually(async () => (await apiVideos(page)).every((video) => video.filename !== bigName),
    'a cancelled upload left its video');
  await storage.release();

  step('cancel an upload sent through POST /videos once the server has its file: the video it made goes too');
  let answerUpload = null;
  const answerLater = async (route) => {
    if (route.request().method() !== 'POST') {
      return route.continue();
    }
    const response = await route.fetch();
    answerUpload = () => route.fulfill({ response });
    return undefined;
  };
  await page.route(`${baseOrigin}/videos`, answerLater);
  await page.locator('#files').setInputFiles({ name: 'cancelled.mp4', mimeType: 'video/mp4',
    buffer: readFileSync(videoFile) });
  await page.getByRole('button', { name: 'Upload', exact: true }).click();
  await eventually(async () => answerUpload !== null, 'the server never answered the upload');
  check((await apiVideos(page)).some((video) => video.filename === 'cancelled.mp4'), 'the upload made no video');
  const streamedRow = page.locator('#uploads li').filter({ hasText: 'cancelled.mp4' });
  await streamedRow.getByRole('button', { name: 'Cancel the upload of cancelled.mp4' }).click();
  await streamedRow.waitFor({ state: 'detached' });
  await answerUpload().catch(() => {});
  await page.unroute(`${baseOrigin}/videos`, answerLater);
  await eventually(async () => (await apiVideos(page)).every((video) => video.filename !== 'cancelled.mp4'),
    'a cancelled upload sent through POST /videos left its video');

  step('direct-upload URLs are renewed before they expire, and again when storage refuses an expired one');
  const renewalLog = [];
  const logRenewals = (request) => {
    if (request.url().includes('/upload-urls')) {
      renewalLog.push('renew');
    } else if (request.method() === 'PUT' && new URL(request.url()).origin !== baseOrigin) {
      renewalLog.push('put');
    }
  };
  page.on('request', logRenewals);
  // The URLs come back as if signed long ago: less than a minute left.
  const nearlyExpired = async (route) => {
    if (route.request().method() !== 'POST') {
      return route.continue();
    }
    const response = await route.fetch();
    const ticket = await response.json();
    return route.fulfill({ response, json: { ...ticket, expiresAt: new Date(Date.now() + 20000).toISOString() } });
  };
  await page.route(`${baseOrigin}/videos/uploads`, nearlyExpired, { times: 1 });
  let storagePuts = 0;
  const expiredOnce = (route) => {
    if (route.request().method() === 'PUT' && storagePuts++ === 0) {
      return route.fulfill({ status: 403, contentType: 'application/xml',
        headers: { 'Access-Control-Allow-Origin': baseOrigin },
        body: '<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code>'
          + '<Message>Request has expired</Message></Error>' });
    }
    return route.continue();
  };
  await page.route(storageOnly, expiredOnce);
  await page.locator('#files').setInputFiles(bigVideoFile);
  await page.getByRole('button', { name: 'Upload', exact: true }).click();
  await page.locator('#uploads li').filter({ hasText: bigName }).waitFor({ state: 'detached', timeout: 60000 });
  await page.unroute(storageOnly, expiredOnce);
  page.off('request', logRenewals);
  check(renewalLog.join(',') === 'renew,put,renew,put', `the upload's URLs were not renewed: ${renewalLog}`);
  const renewed = (await apiVideos(page)).find((video) => video.filename === bigName);
  check(renewed && renewed.status !== 'UPLOADING', `the renewed upload did not complete: ${JSON.stringify(renewed)}`);
  const renewedRow = page.locator('#videos li.video').filter({ hasText: bigName });
  await renewedRow.getByRole('button', { name: `Delete ${bigName}` }).click();
  await renewedRow.waitFor({ state: 'detached' });

  step('an upload refused for now (three others started elsewhere) waits and goes again by itself');
  const startedElsewhere = [];
  for (let i = 0; i < 3; i += 1) {
    startedElsewhere.push((await apiCall(page, 'POST', '/videos/uploads',
      { filename: `elsewhere-${i}.mp4`, sizeBytes: 1000, contentType: 'video/mp4' })).json.id);
  }
  // The server's own 429 reaches the page, with a Retry-After of 2 s instead of its 30 s.
  const refusals = [];
  const soonAgain = async (route) => {
    if (route.request().method() !== 'POST') {
      return route.continue();
    }
    const response = await route.fetch();
    if (response.status() !== 429) {
      return route.fulfill({ response });
    }
    refusals.push(`${response.status()} ${(await response.json()).type} Retry-After ${response.headers()['retry-after']}`);
    return route.fulfill({ response, headers: { ...response.headers(), 'retry-after': '2' } });
  };
  await page.route(`${baseOrigin}/videos/uploads`, soonAgain);
  await page.locator('#files').setInputFiles(bigVideoFile);
  await page.getByRole('button', { name: 'Upload', exact: true }).click();
  const waitingRow = page.locator('#uploads li').filter({ hasText: bigName });
  await waitingRow.locator('.upload-status', { hasText: 'Too many uploads at once. Tries again by itself at' })
    .waitFor();
  check(await waitingRow.evaluate((row) => !row.classList.contains('failed')), 'a refused upload is shown failed');
  await audit(page, 'upload waiting');
  await eventually(async () => refusals.length >= 2, 'the waiting upload was not sent again');
  await apiCall(page, 'DELETE', `/videos/${startedElsewhere[0]}`);
  await waitingRow.waitFor({ state: 'detached', timeout: 60000 });
  await page.unroute(`${baseOrigin}/videos/uploads`, soonAgain);
  check(refusals.every((refusal) => refusal === '429 https://framesmith.dev/problems/too-many-uploads Retry-After 30'),
    `unexpected refusals: ${refusals.join(' | ')}`);
  const sentLater = (await apiVideos(page)).find((video) => video.filename === bigName);
  check(sentLater && sentLater.status !== 'UPLOADING', `the waiting upload did not complete: ${JSON.stringify(sentLater)}`);
  check((await announcements(page)).some((text) => text.startsWith(`${bigName} waits: Too many uploads at once.`)),
    'the wait was not announced');
  step(`refused ${refusals.length} times, then sent`);
  for (const id of [...startedElsewhere.slice(1), sentLater.id]) {
    await apiCall(page, 'DELETE', `/videos/${id}`);
  }
  await eventually(async () => (await apiVideos(page)).every((video) => video.filename !== bigName
    && !video.filename.startsWith('elsewhere-')), 'the uploads of this step were not removed');

  step('delete a video in another tab while this one sends it: the transfer stops');
  storage = await holdStorageUploads(page);
  await page.locator('#files').setInputFiles(bigVideoFile);
  await page.getByRole('button', { name: 'Upload', exact: true }).click();
  for (let i = 0; i < 200 && storage.held.length === 0; i += 1) {
    await page.waitForTimeout(100);
  }
  check(storage.held.length === 1, 'the direct upload never started');
  await other.getByRole('button', { name: 'Refresh' }).click();
  const elsewhere = other.locator('#videos li').filter({ hasText: bigName });
  await elsewhere.locator('.badge', { hasText: 'Uploading' }).waitFor();
  await elsewhere.getByRole('button', { name: `Delete ${bigName}` }).click();
  await elsewhere.waitFor({ state: 'detached' });
  check(await other.evaluate(() => document.activeElement !== document.body), 'the focus fell to the page after Delete');
  await page.locator('#uploads li').filter({ hasText: bigName }).waitFor({ state: 'detached', timeout: 30000 });
  await page.locator('#announcer p', { hasText: `The upload of ${bigName} stopped: the video was deleted.` })
    .waitFor({ state: 'attached' });
  await storage.release();

  step('a video deleted elsewhere after its file was sent, before it was completed: the transfer stops, not fails');
  let deletedBeforeCompletion = null;
  const deleteFirst = async (route) => {
    deletedBeforeCompletion = new URL(route.request().url()).pathname.split('/')[2];
    const removed = await apiCall(other, 'DELETE', `/videos/${deletedBeforeCompletion}`);
    check(removed.status === 204, `the other tab could not delete the video: ${JSON.stringify(removed)}`);
    return route.continue();
  };
  await page.route(`${baseOrigin}/videos/*/complete`, deleteFirst, { times: 1 });
  await page.locator('#files').setInputFiles(bigVideoFile);
  await page.getByRole('button', { name: 'Upload', exact: true }).click();
  await page.locator('#uploads li').filter({ hasText: bigName }).waitFor({ state: 'detached', timeout: 60000 });
  check(deletedBeforeCompletion !== null, 'the upload was never completed');
  await page.locator('#announcer p', { hasText: `The upload of ${bigName} stopped: the video was deleted.` })
    .last().waitFor({ state: 'attached' });
  check(await page.locator('#videos li.video').filter({ hasText: bigName }).count() === 0,
    'the deleted video is still listed');

  step('log out during uploads: they are cancelled in every tab, failed ones too; nothing stays "Uploading"');
  const otherStorage = await holdStorageUploads(other);
  await other.locator('#files').setInputFiles(bigVideoFile);
  await other.getByRole('button', { name: 'Upload', exact: true }).click();
  for (let i = 0; i < 200 && otherStorage.held.length === 0; i += 1) {
    await page.waitForTimeout(100);
  }
  check(otherStorage.held.length === 1, 'the direct upload in the other tab never started');
  await page.route(storageOnly, refuseStorage);
  await page.locator('#files').setInputFiles(bigVideoFile);
  await page.getByRole('button', { name: 'Upload', exact: true }).click();
  await failedBig.waitFor();
  await page.unroute(storageOnly, refuseStorage);
  // This tab's running upload is still asking for its ticket (its video being made) when the user logs out.
  const loggedOutTickets = [];
  const holdTicketAtLogOut = (route) => (route.request().method() === 'POST' ? loggedOutTickets.push(route)
    : route.continue());
  await page.route(`${baseOrigin}/videos/uploads`, holdTicketAtLogOut);
  await page.locator('#files').setInputFiles(bigVideoFile);
  await page.getByRole('button', { name: 'Upload', exact: true }).click();
  await eventually(async () => loggedOutTickets.length === 1, 'the direct upload never asked for its ticket');
  await page.getByRole('button', { name: 'Log out' }).click();
  await loggedOutTickets[0].continue();
  await page.unroute(`${baseOrigin}/videos/uploads`, holdTicketAtLogOut);
  await login.waitFor();
  check(await page.evaluate(() => Object.keys(localStorage).every((key) => !key.startsWith('framesmith.failed-uploads'))),
    'the names of failed uploads outlived a log-out on purpose');
  await other.locator('#auth-message', { hasText: 'You logged out in another window.' }).waitFor();
  check(await other.locator('#uploads li').count() === 0, 'the other tab kept its uploads after the log-out');
  await otherStorage.release();
  await login.getByLabel('E-mail').fill(email);
  await login.getByLabel('Password').fill(password);
  await login.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('heading', { name: 'Your videos', exact: true }).waitFor();
  // Failed uploads come back before the list does.
  await page.locator('#videos li.video').first().waitFor();
  check(await page.locator('#uploads li').count() === 0, 'uploads survived a log-out');
  check((await apiVideos(page)).every((video) => video.status !== 'UPLOADING'), 'a video stayed "Uploading"');

  step('the session ends during an upload: its row and the chosen files stay, here and in the other tab');
  await other.getByRole('heading', { name: 'Your videos', exact: true }).waitFor();
  await other.locator('#files').setInputFiles(videoFile);
  await other.locator('#selection li').filter({ hasText: filename }).waitFor();
  const posts = await holdStreamedUploads(page);
  await page.locator('#files').setInputFiles(videoFile);
  await page.getByRole('button', { name: 'Upload', exact: true }).click();
  await eventually(async () => posts.held.length === 1, 'the upload never started');
  // More files may be chosen while others are sent, and Upload takes them.
  await page.locator('#files').setInputFiles(videoFile);
  await chosen.filter({ hasText: filename }).waitFor();
  check(await page.getByRole('button', { name: 'Upload', exact: true }).isEnabled(),
    'Upload is locked while other files are sent');
  await posts.held[0].fulfill({ status: 401, contentType: 'application/problem+json',
    body: JSON.stringify({ type: 'https://framesmith.dev/problems/unauthorized', title: 'Unauthorized', status: 401 }) });
  await posts.stop();
  await page.locator('#auth-message', { hasText: 'Your session has ended' }).waitFor();
  check(await page.locator('#auth-message').getAttribute('role') === 'status', 'information is shown as an alert');
  check(await login.getByLabel('E-mail').inputValue() === email, 'the e-mail is not filled in after the session ended');
  check(await page.locator('#uploads li').filter({ hasText: filename }).filter({ hasText: 'Paused' }).count() === 1,
    'the upload row was not kept, paused');
  await audit(page, 'session ended');
  await other.locator('#auth-message', { hasText: 'Your session has ended' }).waitFor();
  const otherSays = await other.locator('#auth-message').textContent();
  check(!otherSays.includes('logged out'), `an ended session reads as a log-out in the other tab: ${otherSays}`);
  await login.getByLabel('Password').fill(password);
  await login.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('heading', { name: 'Your videos', exact: true }).waitFor();
  await chosen.filter({ hasText: filename }).waitFor();
  await page.locator('#uploads li').filter({ hasText: filename }).waitFor({ state: 'detached', timeout: 60000 });
  check(await page.locator('#videos li.video').count() >= 2, 'the list is not back after logging in');
  await other.getByRole('heading', { name: 'Your videos', exact: true }).waitFor();
  await other.locator('#selection li').filter({ hasText: filename }).waitFor();
  await other.close();

  step('"Show older videos" stays shown when the list is loaded again');
  const pager = await context.newPage();
  watch(pager);
  const onePerPage = (route) => {
    const url = new URL(route.request().url());
    url.searchParams.set('limit', '1');
    return route.continue({ url: url.toString() });
  };
  const videoList = (url) => url.origin === baseOrigin && url.pathname === '/videos';
  await pager.route(videoList, (route) => (route.request().method() === 'GET' ? onePerPage(route) : route.continue()));
  await pager.goto(baseUrl);
  await pager.getByRole('heading', { name: 'Your videos', exact: true }).waitFor();
  await pager.locator('#videos li.video').first().waitFor();
  const [olderPage] = await Promise.all([pager.waitForResponse((response) => videoList(new URL(response.url()))
    && new URL(response.url()).searchParams.has('cursor')),
  pager.getByRole('button', { name: 'Show older videos' }).click()]);
  const olderId = (await olderPage.json()).videos[0].id;
  await pager.locator(`#videos li.video[data-id="${olderId}"]`).waitFor();
  await Promise.all([pager.waitForResponse((response) => videoList(new URL(response.url()))
    && response.request().method() === 'GET'), pager.getByRole('button', { name: 'Refresh' }).click()]);
  await pager.waitForTimeout(300);
  check(await pager.locator(`#videos li.video[data-id="${olderId}"]`).count() === 1,
    'loading the list again dropped the older videos shown');
  await pager.close();

  step('delete by keyboard: the focus moves to the next row');
  const firstId = await page.locator('#videos li.video').first().getAttribute('data-id');
  const first = page.locator(`#videos li.video[data-id="${firstId}"]`);
  await first.getByRole('button', { name: /^Delete / }).focus();
  await page.keyboard.press('Enter');
  await first.waitFor({ state: 'detached' });
  check(await first.count() === 0, 'the deleted row is still there');
  await page.waitForFunction(() => document.activeElement && document.activeElement.matches('#videos .delete'));
  check(await page.evaluate(() => document.activeElement.closest('li').dataset.id) !== firstId,
    'the focus is not on another row');

  step('a list asked for before a delete elsewhere does not bring the deleted video back when it comes');
  const goneId = await page.locator('#videos li.video').first().getAttribute('data-id');
  let releaseList = null;
  const holdList = async (route) => {
    if (route.request().method() !== 'GET' || releaseList) {
      await route.continue();
      return;
    }
    const response = await route.fetch();
    releaseList = () => route.fulfill({ response });
  };
  await page.route(`${baseOrigin}/videos`, holdList);
  await page.getByRole('button', { name: 'Refresh' }).click();
  await eventually(async () => releaseList !== null, 'the list was never asked for');
  // Deleted elsewhere: the row goes when the live updates say so, and they say it once.
  const gone = page.locator(`#videos li.video[data-id="${goneId}"]`);
  check((await apiCall(page, 'DELETE', `/videos/${goneId}`)).status === 204, 'the video could not be deleted');
  await gone.waitFor({ state: 'detached' });
  await releaseList();
  await page.unroute(`${baseOrigin}/videos`, holdList);
  await page.waitForTimeout(1000);
  check(await gone.count() === 0, 'the list asked for before the delete brought the deleted video back');

  step('a refresh of the token that fails for a passing reason is asked for again while the token holds');
  const clocked = await browser.newContext({ viewport: DESKTOP, storageState: await context.storageState() });
  await clocked.clock.install();
  const ticking = await clocked.newPage();
  watch(ticking);
  const refreshes = [];
  await ticking.route(`${baseOrigin}/auth/refresh`, (route) => {
    refreshes.push(route.request().method());
    return refreshes.length === 1 ? route.abort('failed') : route.continue();
  });
  await ticking.goto(baseUrl);
  await ticking.getByRole('heading', { name: 'Your videos', exact: true }).waitFor();
  const heldToken = () => ticking.evaluate(() => localStorage.getItem('framesmith.token'));
  const firstToken = await heldToken();
  const lifeLeft = await ticking.evaluate((token) => JSON.parse(atob(token.split('.')[1].replace(/-/g, '+')
    .replace(/_/g, '/'))).exp * 1000 - Date.now(), firstToken);
  await ticking.clock.fastForward(lifeLeft - 50000);
  await eventually(async () => refreshes.length === 1, 'the token was not refreshed before it expired');
  await ticking.clock.fastForward(11000);
  await eventually(async () => refreshes.length === 2, 'a refresh that failed was not asked for again');
  await eventually(async () => (await heldToken()) !== firstToken, 'the refresh asked for again gave no new token');
  await clocked.close();

  step('the phone layout');
  const phone = await browser.newContext({ viewport: PHONE, storageState: await context.storageState(),
    isMobile: true, hasTouch: true });
  const small = await phone.newPage();
  watch(small);
  await small.goto(baseUrl);
  await small.getByRole('heading', { name: 'Your videos', exact: true }).waitFor();
  await small.waitForFunction(() => {
    const images = [...document.querySelectorAll('#videos .thumb:not([hidden]) img')];
    return images.length > 0 && images.every((image) => image.complete && image.naturalWidth > 0);
  });
  const who = await small.locator('#who').evaluate((element) => {
    const box = element.getBoundingClientRect();
    return { text: element.textContent, cut: box.left < 0 || box.right > window.innerWidth
      || element.scrollWidth > element.clientWidth, scrollWidth: element.scrollWidth, clientWidth: element.clientWidth };
  });
  check(who.text === name && !who.cut, `the name in the top bar is cut: ${JSON.stringify(who)}`);
  check(await small.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
    'the page is wider than the phone');
  await small.screenshot({ path: path.join(outDir, 'phone-390x844.png') });
  await audit(small, 'phone: the list');
  await small.locator('#videos .thumb:not([hidden])').first().click();
  await small.locator('#preview-dialog[open]').waitFor();
  await audit(small, 'phone: contact sheet opened');
  await small.keyboard.press('Escape');
  await small.locator('#preview-dialog').waitFor({ state: 'hidden' });

  step('phone: after logging in, the top of the page is in view');
  await small.getByRole('button', { name: 'Log out' }).click();
  const smallLogin = small.locator('#login-form');
  await smallLogin.getByLabel('E-mail').fill(email);
  await audit(small, 'phone: log-in');
  await smallLogin.getByLabel('Password').fill(password);
  await small.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await smallLogin.getByLabel('Password').press('Enter');
  await small.getByRole('heading', { name: 'Your videos', exact: true }).waitFor();
  await small.waitForFunction(() => document.querySelectorAll('#videos li.video').length > 1);
  const top = await small.evaluate(() => ({ y: window.scrollY, header: document.querySelector('header')
    .getBoundingClientRect().top, tall: document.documentElement.scrollHeight > window.innerHeight }));
  check(top.tall && top.y === 0 && top.header >= 0, `the phone is not at the top after log-in: ${JSON.stringify(top)}`);

  step('phone: five uploads scroll in their own box, "Your videos" stays in view, a long name is shown whole');
  const phonePosts = await holdStreamedUploads(small);
  const longName = `phone-${'holiday-on-the-coast-without-any-spaces-'.repeat(4)}final-cut.mp4`;
  await small.locator('#files').setInputFiles(Array.from({ length: 5 }, (_, i) => ({
    name: i === 0 ? longName : `phone-${i + 1}.mp4`, mimeType: 'video/mp4', buffer: clip })));
  const wholeName = (selector) => small.locator(selector, { hasText: longName }).evaluate((element) => {
    const box = element.getBoundingClientRect();
    return { text: element.textContent, left: box.left, right: box.right, width: window.innerWidth,
      scrollWidth: element.scrollWidth, clientWidth: element.clientWidth,
      overflow: getComputedStyle(element).textOverflow };
  });
  for (const selector of ['#selection .selected-name', '#uploads .upload-name']) {
    if (selector === '#uploads .upload-name') {
      await small.getByRole('button', { name: 'Upload 5 videos' }).click();
      await small.waitForFunction(() => document.querySelectorAll('#uploads li').length === 5);
    }
    const shown = await wholeName(selector);
    check(shown.text === longName && shown.left >= 0 && shown.right <= shown.width
      && shown.scrollWidth <= shown.clientWidth && shown.overflow !== 'ellipsis',
      `the long name is not shown whole on the phone (${selector}): ${JSON.stringify(shown)}`);
  }
  check(await small.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
    'the page is wider than the phone with a long file name');
  const fold = await small.evaluate(() => {
    window.scrollTo(0, 0);
    const box = document.getElementById('videos-title').getBoundingClientRect();
    return { top: box.top, bottom: box.bottom, height: window.innerHeight };
  });
  check(fold.bottom <= fold.height, `"Your videos" is below the fold with five uploads: ${JSON.stringify(fold)}`);
  await small.screenshot({ path: path.join(outDir, 'phone-uploads-390x844.png') });
  await audit(small, 'phone: uploads in progress');
  for (let i = 0; i < 20 && await small.locator('#uploads li').count() > 0; i += 1) {
    await small.locator('#uploads li .cancel:not([hidden])').first().click();
  }
  await phonePosts.stop();
  await Promise.all(phonePosts.held.map((route) => route.abort().catch(() => {})));
  await phone.close();

  step('open the link of the "frames ready" e-mail while logged out: log in, and the download starts');
  const readyLink = await mailedLink('download', email);
  await page.locator('#selection li').getByRole('button', { name: /^Remove/ }).click();
  await page.getByRole('button', { name: 'Log out' }).click();
  await page.goto(readyLink);
  await page.locator('#auth-message', { hasText: 'Log in to download your frames.' }).waitFor();
  await login.getByLabel('E-mail').fill(email);
  await login.getByLabel('Password').fill(password);
  const [fromEmail] = await Promise.all([page.waitForEvent('download'),
    login.getByRole('button', { name: 'Log in' }).click()]);
  await fromEmail.saveAs(path.join(outDir, 'frames-from-email.zip'));
  await page.locator('#videos-message', { hasText: 'Your download has started.' }).waitFor();
  check(await page.locator('#videos-message').getAttribute('role') === 'status', 'information is shown as an alert');
  check(statSync(path.join(outDir, 'frames-from-email.zip')).size === statSync(zipPath).size,
    'the e-mail\'s link downloaded another archive');

  step('forget the password and set a new one');
  await page.getByRole('button', { name: 'Log out' }).click();
  await page.getByRole('button', { name: 'Forgot your password?' }).click();
  const forgot = page.locator('#forgot-form');
  await forgot.waitFor();
  await audit(page, 'forgot password');
  await forgot.getByLabel('E-mail').fill(email);
  await forgot.getByRole('button', { name: 'Send the link' }).click();
  await page.locator('#auth-message', { hasText: 'If this address has an account, we sent it a link' }).waitFor();
  await page.goto(await mailedLink('reset-password', email));
  const reset = page.locator('#reset-form');
  await audit(page, 'new password');
  await reset.getByLabel('New password').fill('another long enough password');
  await reset.getByRole('button', { name: 'Set the new password' }).click();
  await page.locator('#auth-message', { hasText: 'Your password is changed. Log in with the new one.' }).waitFor();
  await login.getByLabel('E-mail').fill(email);
  await login.getByLabel('Password').fill('another long enough password');
  await login.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('heading', { name: 'Your videos', exact: true }).waitFor();
  await shot('5-new-password.png');

  step('someone else logs in in another tab: nothing of the first account stays, no paused upload goes on');
  const otherEmail = `other-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`;
  const otherName = 'Another <b>person</b>';
  const registered = await fetch(new URL('/auth/register', baseUrl), { method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: otherEmail, password, name: otherName }) });
  check(registered.status === 201, `the second account was not created (${registered.status})`);
  const refusePost = (route) => (route.request().method() === 'POST'
    ? route.fulfill({ status: 401, contentType: 'application/problem+json', body: '{"status":401}' })
    : route.continue());
  await page.route(`${baseOrigin}/videos`, refusePost);
  await page.locator('#files').setInputFiles(videoFile);
  await page.getByRole('button', { name: 'Upload', exact: true }).click();
  await page.locator('#auth-message', { hasText: 'Your session has ended' }).waitFor();
  check(await page.locator('#uploads li').filter({ hasText: 'Paused' }).count() === 1, 'no paused upload');
  await page.unroute(`${baseOrigin}/videos`, refusePost);
  const second = await context.newPage();
  watch(second);
  await second.goto(baseUrl);
  const secondLogin = second.locator('#login-form');
  await secondLogin.getByLabel('E-mail').fill(otherEmail);
  await secondLogin.getByLabel('Password').fill(password);
  await secondLogin.getByRole('button', { name: 'Log in' }).click();
  await second.getByRole('heading', { name: 'Your videos', exact: true }).waitFor();
  await page.locator('#who').filter({ hasText: otherName }).waitFor();
  // The name is shown as text, markup and all: nothing a user types becomes HTML.
  check(await page.locator('#who b').count() === 0, 'the user name was rendered as HTML');
  await page.waitForTimeout(2000);
  check(await page.locator('#uploads li').count() === 0, 'the first account\'s upload stayed under the second');
  check((await apiVideos(page)).length === 0, 'the first account\'s paused upload went on under the second');
  await second.close();

  check(pageErrors.length === 0, `errors on the page: ${pageErrors.join('; ')}`);
  step(`accessibility audited: ${audited.join(', ')}`);
  step('ok');
} catch (error) {
  console.error(`[page-flow] FAILED: ${error.stack || error}`);
  if (page) {
    await page.screenshot({ path: path.join(outDir, 'failure.png') }).catch(() => {});
  }
  await browser.close();
  process.exit(1);
}
await browser.close();
