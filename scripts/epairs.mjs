#!/usr/bin/env node
// The entry point behind `npm start`, `npm test` and the other root scripts.
// A fresh machine has only Node and npm: this script brings the pinned pnpm (from the
// `packageManager` field), installs the workspace when the lockfile changed, builds, and runs the job.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const rootPackage = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const pnpmVersion = rootPackage.packageManager.replace(/^pnpm@/, '');
const isCI = process.env.CI === 'true' || process.env.CI === '1';

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

function runOrExit(command, args, options) {
  const status = run(command, args, options);
  if (status !== 0) process.exit(status);
}

/** The pinned pnpm: on PATH when it is the same version, otherwise a local copy under .tools/. */
function pnpmCommand() {
  const onPath = spawnSync('pnpm', ['--version'], { encoding: 'utf8' });
  if (onPath.status === 0 && onPath.stdout.trim() === pnpmVersion) return ['pnpm', []];
  const localBin = join(root, '.tools', 'node_modules', 'pnpm', 'bin', 'pnpm.cjs');
  if (!existsSync(localBin)) {
    console.log(`[epairs] installing pnpm ${pnpmVersion} into .tools/`);
    runOrExit('npm', [
      'install',
      '--prefix',
      join(root, '.tools'),
      '--no-save',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
      `pnpm@${pnpmVersion}`,
    ]);
  }
  return [process.execPath, [localBin]];
}

const [pnpmBin, pnpmPrefix] = pnpmCommand();
const pnpm = (args, options) => runOrExit(pnpmBin, [...pnpmPrefix, ...args], options);

/** Installs when node_modules is missing or older than the lockfile or a manifest. */
function ensureInstalled() {
  const marker = join(root, 'node_modules', '.modules.yaml');
  const inputs = [
    'pnpm-lock.yaml',
    'package.json',
    'pnpm-workspace.yaml',
    'packages/shared/package.json',
    'packages/api/package.json',
    'packages/admin/package.json',
    'packages/member-portal/package.json',
    'packages/bench/package.json',
  ]
    .map((file) => join(root, file))
    .filter(existsSync);
  const installedAt = existsSync(marker) ? statSync(marker).mtimeMs : 0;
  if (inputs.every((file) => statSync(file).mtimeMs <= installedAt)) return;
  console.log('[epairs] installing dependencies');
  // CI installs exactly the committed lockfile; a developer's install may update it.
  const frozen = isCI ? ['--frozen-lockfile'] : ['--no-frozen-lockfile'];
  pnpm(['install', ...frozen, '--reporter=append-only'], { env: { ...process.env, CI: 'true' } });
}

/**
 * The workspace's builds, in dependency order, each with what it is built from. A package whose
 * inputs are all older than its last successful build is skipped (a second `npm start` starts at
 * once); a change in packages/shared rebuilds everything that bundles or imports it.
 */
const BUILDS = [
  { name: '@epairs/shared', dir: 'packages/shared', inputs: [] },
  { name: '@epairs/api', dir: 'packages/api', inputs: ['packages/shared/src'] },
  {
    name: '@epairs/admin',
    dir: 'packages/admin',
    inputs: ['packages/shared/src', 'packages/api/schema.graphql'],
  },
  {
    name: '@epairs/member-portal',
    dir: 'packages/member-portal',
    inputs: ['packages/shared/src', 'packages/api/schema.graphql'],
  },
  { name: '@epairs/bench', dir: 'packages/bench', inputs: ['packages/shared/src'] },
];
const STAMP = join('dist', '.epairs-build');

/** The newest modification time under a path (files and folders; node_modules and dist left out). */
function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (['node_modules', 'dist', 'e2e-artifacts', '.data'].includes(entry)) continue;
    if (entry.endsWith('.generated.ts')) continue;
    latest = Math.max(latest, newest(join(path, entry)));
  }
  return latest;
}

function build() {
  let upstreamRebuilt = false;
  for (const pkg of BUILDS) {
    const stamp = join(root, pkg.dir, STAMP);
    const builtAt = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
    const changedAt = Math.max(
      newest(join(root, pkg.dir)),
      newest(join(root, 'pnpm-lock.yaml')),
      ...pkg.inputs.map((input) => newest(join(root, input))),
    );
    if (builtAt > changedAt && !(upstreamRebuilt && pkg.inputs.length > 0)) continue;
    pnpm(['--filter', pkg.name, 'run', 'build']);
    writeFileSync(stamp, `${new Date().toISOString()}\n`);
    if (pkg.name === '@epairs/shared') upstreamRebuilt = true;
  }
}
const typecheckTests = () => {
  // The build compiles the sources; this also checks the specs, which the build leaves out.
  for (const project of ['packages/shared', 'packages/api', 'packages/bench']) {
    runOrExit(process.execPath, [
      join(root, 'node_modules/typescript/bin/tsc'),
      '-p',
      join(root, project, 'tsconfig.json'),
      '--noEmit',
    ]);
  }
};
const lint = () => {
  runOrExit(process.execPath, [
    join(root, 'node_modules/prettier/bin/prettier.cjs'),
    '--check',
    '.',
  ]);
  runOrExit(process.execPath, [
    join(root, 'node_modules/eslint/bin/eslint.js'),
    '--max-warnings=0',
    '.',
  ]);
};

/**
 * Runs the server in a process group of its own, so that Ctrl-C does not reach the embedded
 * PostgreSQL directly (it would stop at once, under requests in flight); the first signal is
 * forwarded to the server, which drains, closes its pools and then stops PostgreSQL.
 */
function startServer() {
  // The heap ceiling the Docker image sets too (docs/operations.md, "Memory"), unless NODE_OPTIONS
  // gives one (a flag on the command line would override it).
  const ceiling = /--max-old-space-size/.test(process.env.NODE_OPTIONS ?? '')
    ? []
    : ['--max-old-space-size=1024'];
  const flags = ['--enable-source-maps', ...ceiling];
  const child = spawn(process.execPath, [...flags, 'packages/api/dist/main.js'], {
    cwd: root,
    stdio: 'inherit',
    detached: true,
    env: { NODE_ENV: 'development', ...process.env },
  });
  let forwarded = false;
  const forward = (signal) => {
    if (forwarded) return;
    forwarded = true;
    child.kill(signal);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => forward(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

const job = process.argv[2];
ensureInstalled();
switch (job) {
  case 'install':
    break;
  case 'build':
    build();
    break;
  case 'start':
    build();
    startServer();
    break;
  case 'test':
    build();
    typecheckTests();
    lint();
    pnpm(['--filter', '@epairs/shared', 'run', 'test', '--ci']);
    pnpm(['--filter', '@epairs/api', 'run', 'test', '--ci']);
    pnpm(['--filter', '@epairs/bench', 'run', 'test', '--ci']);
    // The console in headless Chromium against the real API (packages/admin/e2e).
    pnpm(['--filter', '@epairs/admin', 'run', 'test:browser']);
    // The member portal at a phone's and a desktop's size (packages/member-portal/e2e).
    pnpm(['--filter', '@epairs/member-portal', 'run', 'test:browser']);
    break;
  case 'bench':
    // Not part of `npm test`: minutes of load on the whole machine (docs/benchmarks.md).
    build();
    runOrExit(process.execPath, [
      join(root, 'packages/bench/dist/run.js'),
      '--docs',
      join(root, 'docs'),
      ...process.argv.slice(3),
    ]);
    break;
  case 'lint':
    lint();
    break;
  case 'format':
    runOrExit(process.execPath, [
      join(root, 'node_modules/prettier/bin/prettier.cjs'),
      '--write',
      '.',
    ]);
    break;
  case 'emit-schema':
    build();
    pnpm(['--filter', '@epairs/api', 'run', 'emit-schema']);
    break;
  default:
    console.error(
      `usage: node scripts/epairs.mjs start|test|build|lint|format|emit-schema|bench|install`,
    );
    process.exit(2);
}
