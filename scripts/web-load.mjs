#!/usr/bin/env node
// Load test of `qaxai serve`: starts the server in a child process, sends N concurrent explanation requests
// (POST /api/jobs/explain?wait=1, embedded evaluation images spread over the classes), checks that every one is
// answered with a finished explanation, and reports latency and the server's peak RSS (VmHWM of the whole
// process, job worker threads included). Usage:
//   node scripts/web-load.mjs [--requests 50] [--workers W] [--sampler NAME] [--no-spectrum] [--json]
// Needs a build (npm run build). Exit status 1 when any request failed.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const requests = Number(opt('requests', '50'));
const workers = opt('workers', undefined);
const sampler = opt('sampler', undefined);
const spectrum = !args.includes('--no-spectrum');
const asJson = args.includes('--json');
const log = (s) => process.stderr.write(`${s}\n`);

const serveArgs = [
  join(root, 'bin', 'qaxai.js'),
  'serve',
  '--port',
  '0',
  '--json',
  '--max-queued',
  String(requests + 10),
];
if (workers) serveArgs.push('--workers', workers);
const child = spawn(process.execPath, serveArgs, { stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise((resolve, reject) => {
  let buf = '';
  child.stdout.on('data', (d) => {
    buf += d;
    const line = buf.split('\n')[0];
    if (buf.includes('\n')) resolve(JSON.parse(line).url);
  });
  child.on('exit', (code) => reject(new Error(`qaxai serve exited with ${code}`)));
});
log(`server ${url} (pid ${child.pid})`);

const status = () => {
  const s = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  const kb = (k) => Number(new RegExp(`^${k}:\\s+(\\d+)`, 'm').exec(s)?.[1] ?? 0);
  return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024 };
};
const info = await (await fetch(`${url}api/info`)).json();
if (!info.explainer?.available) {
  child.kill();
  throw new Error(`the explainer is unavailable: ${info.explainer?.reason}`);
}
const images = info.explainer.images;
const baseline = status().rss;
let peakSampled = baseline;
const sampler_ = setInterval(() => {
  peakSampled = Math.max(peakSampled, status().rss);
}, 100);

const t0 = performance.now();
const latencies = [];
const failures = [];
await Promise.all(
  Array.from({ length: requests }, async (_, k) => {
    const index = (k * 37) % images; // spread over the classes
    const body = { image: { embedded: index }, spectrum, seed: k, ...(sampler ? { sampler } : {}) };
    const t = performance.now();
    try {
      const res = await fetch(`${url}api/jobs/explain?wait=1`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      const j = await res.json();
      if (res.status !== 200 || j.job?.status !== 'done' || !j.result?.methods?.qa?.overlayPng)
        failures.push({ k, index, status: res.status, error: j.error ?? j.job?.error });
      latencies.push((performance.now() - t) / 1000);
    } catch (e) {
      failures.push({ k, index, error: String(e) });
    }
  }),
);
const wall = (performance.now() - t0) / 1000;
clearInterval(sampler_);
const final = status();
child.kill('SIGTERM');
latencies.sort((a, b) => a - b);
const q = (p) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? null;
const result = {
  requests,
  ok: requests - failures.length,
  errors: failures.length,
  workers: info.limits.workers,
  sampler: sampler ?? info.explainer.defaultSampler,
  spectrum,
  wallSeconds: Number(wall.toFixed(2)),
  throughputPerSecond: Number((requests / wall).toFixed(2)),
  latencySeconds: { p50: q(0.5), p95: q(0.95), max: latencies.at(-1) ?? null },
  rssMiB: {
    baseline: Math.round(baseline),
    peak: Math.round(Math.max(final.hwm, peakSampled)),
    end: Math.round(final.rss),
  },
  node: process.version,
};
if (failures.length) log(`failures: ${JSON.stringify(failures.slice(0, 5))}`);
if (asJson) process.stdout.write(`${JSON.stringify(result)}\n`);
else
  process.stdout.write(
    `${result.ok}/${requests} explanations ok in ${result.wallSeconds} s (${result.throughputPerSecond}/s, ${result.workers} workers, sampler ${result.sampler}); ` +
      `latency p50 ${q(0.5)?.toFixed(2)} s, p95 ${q(0.95)?.toFixed(2)} s; peak RSS ${result.rssMiB.peak} MiB (baseline ${result.rssMiB.baseline} MiB)\n`,
  );
process.exit(failures.length ? 1 : 0);
