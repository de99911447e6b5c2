'use strict';
// Runs `npm ci` in this directory unless node_modules was installed from the same package-lock.json.
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const lock = fs.readFileSync(path.join(__dirname, 'package-lock.json'), 'utf8');
const stamp = path.join(__dirname, 'node_modules', '.framesmith-installed-lock.json');

if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === lock) {
  console.log('node_modules is up to date');
  process.exit(0);
}
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const result = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], {
  cwd: __dirname, stdio: 'inherit', shell: process.platform === 'win32'
});
if (result.status !== 0) {
  console.error('npm ci failed with status ' + result.status);
  process.exit(result.status || 1);
}
fs.writeFileSync(stamp, lock);
