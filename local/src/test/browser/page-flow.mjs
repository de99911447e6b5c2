// Drives the Framesmith page in Debian's headless Chromium: register, see that uploads wait for the confirmed
// address, ask for the link again, open the link, log out, log in, upload a video, watch it reach DONE, download the
// ZIP, then forget the password and set a new one through the reset link. Exits 0 on success; prints what went
// wrong and exits 1 otherwise.
//
// Environment: BASE_URL (the gateway), VIDEO_FILE (a small video), OUT_DIR (where the ZIP and screenshots go),
// MAILBOX_URL (the SES stand-in's JSON store of sent e-mails, where the account links arrive), CHROMIUM (default
// /usr/bin/chromium).
import { chromium } from 'playwright-core';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';

const baseUrl = required('BASE_URL');
const videoFile = required('VIDEO_FILE');
const outDir = required('OUT_DIR');
const mailboxUrl = required('MAILBOX_URL');
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
const PROCESSING_TIMEOUT = 5 * 60 * 1000;

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
try {
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1200, height: 900 } });
  page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') {
      console.log(`[browser console] ${message.text()}`);
    }
  });
  page.setDefaultTimeout(30000);

  const email = `browser-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`;
  const password = 'a long enough password';
  const name = 'Browser <b>User</b>';

  step(`open ${baseUrl}`);
  await page.goto(baseUrl);
  await page.getByRole('heading', { name: 'Create an account' }).waitFor();
  await page.screenshot({ path: path.join(outDir, '1-start.png') });

  step('register');
  const register = page.locator('#register-form');
  await register.getByLabel('Name').fill(name);
  await register.getByLabel('E-mail').fill(email);
  await register.getByLabel('Password').fill(password);
  await register.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('heading', { name: 'Your videos' }).waitFor();
  // The name is shown as text, markup and all: nothing a user types becomes HTML.
  await page.locator('#who').filter({ hasText: name }).waitFor();
  if ((await page.locator('#who b').count()) > 0) {
    throw new Error('the user name was rendered as HTML');
  }

  step('uploads wait for the confirmed address');
  await page.locator('#verify-banner', { hasText: 'Check your mailbox' }).waitFor();
  if (!(await page.getByRole('button', { name: 'Upload', exact: true }).isDisabled())) {
    throw new Error('uploads are open before the address is confirmed');
  }
  const firstLink = await mailedLink('verify-email', email);
  await page.getByRole('button', { name: 'Send the link again' }).click();
  await page.locator('#upload-message', { hasText: 'We sent a new link' }).waitFor();
  await page.screenshot({ path: path.join(outDir, '1-unconfirmed.png') });

  step('open the confirmation link');
  // The link sent again replaces the first one, which arrived before it was asked for.
  const verifyLink = await mailedLink('verify-email', email, [firstLink]);
  if (!verifyLink.startsWith(`${baseUrl.replace(/\/$/, '')}/#verify-email=`)) {
    throw new Error(`not a confirmation link: ${verifyLink}`);
  }
  await page.goto(verifyLink);
  await page.locator('#upload-message', { hasText: 'Your e-mail address is confirmed. You can upload videos now.' })
    .waitFor();
  await page.locator('#verify-banner').waitFor({ state: 'hidden' });
  if (page.url().includes('#')) {
    throw new Error(`the token stayed in the address bar: ${page.url()}`);
  }

  step('log out and log in again');
  await page.getByRole('button', { name: 'Log out' }).click();
  const login = page.locator('#login-form');
  await login.getByLabel('E-mail').fill(email);
  await login.getByLabel('Password').fill(password);
  await login.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('heading', { name: 'Your videos' }).waitFor();

  step(`upload ${path.basename(videoFile)}`);
  await page.getByLabel('Frames per second').fill('1');
  await page.locator('#files').setInputFiles(videoFile);
  await page.getByRole('button', { name: 'Upload', exact: true }).click();

  const filename = path.basename(videoFile);
  const upload = page.locator('#uploads li').filter({ hasText: filename });
  await upload.locator('.upload-status', { hasText: 'Uploaded' }).waitFor({ timeout: 60000 });
  const uploaded = await upload.locator('progress').evaluate((bar) => bar.value);
  if (uploaded !== 100) {
    throw new Error(`the upload progress bar stopped at ${uploaded}%`);
  }
  const row = page.locator('#videos li.video').filter({ hasText: filename });
  await row.waitFor({ timeout: 60000 });
  await page.screenshot({ path: path.join(outDir, '2-uploaded.png') });

  step('wait for DONE');
  const seen = new Set();
  const deadline = Date.now() + PROCESSING_TIMEOUT;
  for (;;) {
    const status = (await row.locator('.badge').textContent()).trim();
    if (!seen.has(status)) {
      seen.add(status);
      step(`status ${status}`);
    }
    if (status === 'Done') {
      break;
    }
    if (status === 'Failed') {
      throw new Error(`the video failed: ${await row.locator('.video-error').textContent()}`);
    }
    if (Date.now() > deadline) {
      throw new Error(`not done after ${PROCESSING_TIMEOUT / 1000} s (statuses seen: ${[...seen].join(', ')})`);
    }
    await page.waitForTimeout(250);
  }
  const meta = await row.locator('.video-meta').textContent();
  if (!/\d+ frames?/.test(meta)) {
    throw new Error(`no frame count shown: "${meta}"`);
  }
  await page.screenshot({ path: path.join(outDir, '3-done.png') });

  step('download the ZIP');
  const downloadButton = row.getByRole('button', { name: /Download the frames of/ });
  const [download] = await Promise.all([page.waitForEvent('download'), downloadButton.click()]);
  const zipPath = path.join(outDir, 'frames.zip');
  await download.saveAs(zipPath);
  step(`saved ${zipPath}`);

  step('open the link of the "frames ready" e-mail while logged out: log in, and the download starts');
  const readyLink = await mailedLink('download', email);
  await page.getByRole('button', { name: 'Log out' }).click();
  await page.goto(readyLink);
  await page.locator('#auth-message', { hasText: 'Log in to download your frames.' }).waitFor();
  await login.getByLabel('E-mail').fill(email);
  await login.getByLabel('Password').fill(password);
  const [fromEmail] = await Promise.all([page.waitForEvent('download'),
    login.getByRole('button', { name: 'Log in' }).click()]);
  await fromEmail.saveAs(path.join(outDir, 'frames-from-email.zip'));
  if (statSync(path.join(outDir, 'frames-from-email.zip')).size !== statSync(zipPath).size) {
    throw new Error('the e-mail\'s link downloaded another archive');
  }

  step('forget the password and set a new one');
  await page.getByRole('button', { name: 'Log out' }).click();
  await page.getByRole('button', { name: 'Forgot your password?' }).click();
  const forgot = page.locator('#forgot-form');
  await forgot.getByLabel('E-mail').fill(email);
  await forgot.getByRole('button', { name: 'Send the link' }).click();
  await page.locator('#auth-message', { hasText: 'If this address has an account, we sent it a link' }).waitFor();
  await page.goto(await mailedLink('reset-password', email));
  const reset = page.locator('#reset-form');
  await reset.getByLabel('New password').fill('another long enough password');
  await reset.getByRole('button', { name: 'Set the new password' }).click();
  await page.locator('#auth-message', { hasText: 'Your password is changed. Log in with the new one.' }).waitFor();
  await login.getByLabel('E-mail').fill(email);
  await login.getByLabel('Password').fill('another long enough password');
  await login.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('heading', { name: 'Your videos' }).waitFor();
  await page.screenshot({ path: path.join(outDir, '4-new-password.png') });

  if (pageErrors.length > 0) {
    throw new Error(`errors on the page: ${pageErrors.join('; ')}`);
  }
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
