/**
 * End to end in a real browser: playwright-core driving Debian's chromium (/usr/bin/chromium, installed by
 * .ci/run), headless, with no network. Loads the app served by `qaxai serve` (built front end in dist/web-ui),
 * runs an explanation and checks the three heatmaps, the feature maps, the QUBO view and the spectrum plot, then
 * runs gap, anneal (statevector and pimc) and study jobs in the anneal lab and checks their tables and plots.
 * Screenshots go to test-artifacts/web/ (git-ignored).
 * Skipped, with a message, only when /usr/bin/chromium is missing.
 */

import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startWebServer } from '../../src/web/server.js';
import { defaultUiDir } from '../../src/web/static-files.js';
import { explainerModelDir } from './fixture-model.js';

const CHROMIUM = process.env.QAXAI_CHROMIUM ?? '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
const artifacts = join(process.cwd(), 'test-artifacts', 'web');
if (!haveChromium)
  console.warn(
    `test/web/e2e.test.ts: skipped: ${CHROMIUM} is missing (apt-get install -y chromium; .ci/run installs it)`,
  );

describe.skipIf(!haveChromium)('web app in headless chromium', () => {
  let server: RunningServer;
  let context: BrowserContext;
  let page: Page;
  let profile: string;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    if (!existsSync(join(defaultUiDir(), 'index.html')))
      throw new Error(
        `the front end is not built (${defaultUiDir()}/index.html is missing): run npm run build`,
      );
    mkdirSync(artifacts, { recursive: true });
    const model = await explainerModelDir();
    if (model.fixture)
      console.warn(
        `test/web/e2e.test.ts: the default model is not there; using a seeded untrained CNN in ${model.dir}`,
      );
    server = await startWebServer({ port: 0, workers: 1, modelDir: model.dir });
    profile = mkdtempSync(join(tmpdir(), 'qaxai-chromium-'));
    // a fresh --user-data-dir: playwright passes `profile` as that flag
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1360, height: 1000 },
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(String(e)));
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    await server?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  it('explains an embedded image: prediction, three heatmaps, feature maps, QUBO, spectrum', async () => {
    await page.goto(server.url);
    await page.getByTestId('embedded-images').locator('button').first().waitFor();
    // class 1 (trouser in Fashion-MNIST), sixth image: one whose QUBO has d > 0 with the default model
    await page.getByTestId('class-select').selectOption('1');
    const thumbs = page.getByTestId('embedded-images').locator('button');
    await thumbs.nth(Math.min(5, (await thumbs.count()) - 1)).click();
    await page.getByTestId('explain-button').click();
    const heatmaps = ['heatmap-gradcam', 'heatmap-gradcampp', 'heatmap-qa'];
    for (const id of heatmaps) await page.getByTestId(id).waitFor({ timeout: 90_000 });
    for (const id of heatmaps) {
      const size = await page.getByTestId(id).evaluate((el) => {
        const img = el as unknown as { naturalWidth: number; naturalHeight: number; complete: boolean };
        return [img.naturalWidth, img.naturalHeight, img.complete];
      });
      expect(size[0], id).toBeGreaterThan(0);
      expect(size[2], id).toBe(true);
    }
    await expect.poll(() => page.getByTestId('feature-maps').locator('img').count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('prediction').textContent()).toMatch(/Prediction: \d/);
    const d = await page.getByTestId('qubo-matrix').count();
    if (d > 0) {
      await page.getByTestId('spectrum-plot').locator('canvas').waitFor();
      await expect
        .poll(() => page.getByTestId('success-probability').textContent())
        .toMatch(/F = 0?\.\d+|F = 1/);
    }
    // parity with the CLI: numeric probabilities, a colour bar, the selection against positive and exact,
    // and no light-background warning for an embedded (light-on-dark) image
    expect(await page.getByTestId('probability-1').textContent()).toMatch(/^(\d\.\d{3}|\de-\d+)$/);
    await page.getByTestId('heatmap-colorbar').waitFor();
    expect(await page.getByTestId('selection-relation').textContent()).toMatch(
      /QA selected \d+ of the d = \d+ maps with α > 0/,
    );
    expect(await page.getByTestId('light-warning').count()).toBe(0);
    await page.screenshot({ path: join(artifacts, 'explainer.png'), fullPage: true });
  }, 120_000);

  it('runs a gap job in the anneal lab and plots the spectrum', async () => {
    await page.getByTestId('nav-lab').click();
    await page.getByTestId('generator-select').selectOption('ferromagnetic-ring');
    await page.getByTestId('generator-n').fill('5');
    await page.getByTestId('generate-button').click();
    await page.getByTestId('problem-summary').waitFor();
    await page.getByTestId('schedule-plot').locator('canvas').waitFor();
    await page.getByTestId('gap-button').click();
    await page.getByTestId('gap-plot').locator('canvas').waitFor({ timeout: 60_000 });
    const gap = Number(await page.getByTestId('min-gap').textContent());
    expect(gap).toBeGreaterThan(0);
    // the zoom windows near s = 1, and a result marked stale once the schedule changes (and not once it is back)
    await page.getByTestId('gap-plot-zoom').getByRole('button', { name: 's ≥ 0.95' }).click();
    await page.getByTestId('gap-plot').locator('canvas').waitFor();
    const schedules = await page.getByTestId('schedule-select').locator('option').allTextContents();
    const other = schedules.find((o) => o !== 'linear');
    if (other) {
      await page.getByTestId('schedule-select').selectOption({ label: other });
      await page.getByTestId('gap-card').getByTestId('stale-note').waitFor();
      await page.getByTestId('schedule-select').selectOption('linear');
      expect(await page.getByTestId('gap-card').getByTestId('stale-note').count()).toBe(0);
    }
    await page.screenshot({ path: join(artifacts, 'lab-gap.png'), fullPage: true });
    expect(consoleErrors).toEqual([]);
  }, 90_000);

  it('runs anneals (statevector, pimc) and a study in the anneal lab', async () => {
    // the ferromagnetic ring of the gap job is still loaded
    await page.getByTestId('anneal-button').click();
    const table = page.getByTestId('anneal-result');
    await table.waitFor({ timeout: 60_000 });
    const cell = (name: string) => table.locator('tr', { hasText: name }).locator('td').textContent();
    const p = Number(await cell('success probability'));
    expect(p).toBeGreaterThan(0);
    expect(p).toBeLessThanOrEqual(1);
    expect(await cell('steps · dt')).toMatch(/^\d+ · [\d.e-]+ τ$/);
    await page.getByTestId('method-select').selectOption('pimc');
    await page.getByLabel('β').fill('5');
    await page.getByTestId('anneal-button').click();
    await expect.poll(() => cell('sweeps'), { timeout: 60_000 }).toMatch(/^\d+$/);
    expect(await cell('success probability')).toMatch(/\(100 reads\)$/);
    await page.getByTestId('method-select').selectOption('statevector');
    await page.getByTestId('study-button').click();
    await page.getByTestId('study-tts-plot').locator('canvas').waitFor({ timeout: 60_000 });
    await page.getByTestId('study-p-plot').locator('canvas').waitFor();
    await page.screenshot({ path: join(artifacts, 'lab-anneal-study.png'), fullPage: true });
    expect(consoleErrors).toEqual([]);
  }, 120_000);
});
