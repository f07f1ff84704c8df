import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportDocument } from '../../lib/findings/result.js';
import { renderHtml } from '../../lib/sinks/html.js';
import { estateReport, HOSTILE_NAME } from '../fixtures/reports/estate.js';
import { HOSTILE_CLUSTER, PUBLIC_ENDPOINT_MESSAGE, sampleClusters } from '../unit/sinks/cluster-sample.js';

/*
 * The HTML report in a real browser (Debian's Chromium, driven by playwright-core): it loads
 * nothing, logs no error, draws its charts, sorts, filters, works from the keyboard, prints, and
 * fits a phone. Page code is passed as strings: the project compiles without the DOM library.
 */

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/', import.meta.url));

// A scan's report: its workloads and the clusters the cluster checks judged.
const report: ReportDocument = { ...estateReport(), clusters: sampleClusters() };
const html = renderHtml(report, { toolVersion: 'test' });

let workDir: string;
let reportUrl: string;
let context: BrowserContext;

/** What one page did: every request, console error, uncaught error and dialog. */
interface Recorded {
  readonly page: Page;
  readonly requests: string[];
  readonly consoleErrors: string[];
  readonly pageErrors: string[];
  readonly dialogs: string[];
}

async function open(url: string, viewport = { width: 1280, height: 900 }): Promise<Recorded> {
  const page = await context.newPage();
  await page.setViewportSize(viewport);
  const recorded: Recorded = { page, requests: [], consoleErrors: [], pageErrors: [], dialogs: [] };
  page.on('request', (request) => recorded.requests.push(request.url()));
  page.on('console', (message) => {
    if (message.type() === 'error') recorded.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => recorded.pageErrors.push(error.message));
  page.on('dialog', (dialog) => {
    recorded.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto(url, { waitUntil: 'load' });
  return recorded;
}

/** Evaluates an expression in the page. */
const inPage = <T>(page: Page, expression: string): Promise<T> => page.evaluate<T>(expression);

/** Report indexes of the visible workload rows, top to bottom. */
const visibleOrder = (page: Page): Promise<number[]> =>
  inPage(
    page,
    `[...document.querySelectorAll('#workload-table tbody.workload')].filter((row) => !row.hidden).map((row) => Number(row.dataset.index))`,
  );

const savingsOf = (index: number): number | null => report.workloads[index]?.cost?.monthlySavingsUsd ?? null;

/** Nulls last; the rest in the given order. */
function expectSorted(values: readonly (number | null)[], direction: 'ascending' | 'descending'): void {
  const known = values.filter((v): v is number => v !== null);
  const firstNull = values.indexOf(null);
  if (firstNull >= 0) expect(values.slice(firstNull).every((v) => v === null)).toBe(true);
  const sorted = [...known].sort((a, b) => (direction === 'ascending' ? a - b : b - a));
  expect(known).toEqual(sorted);
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM}: run \`apt-get install -y chromium\` (Debian) so the report's browser tests can run`,
    );
  }
  workDir = await mkdtemp(join(tmpdir(), 'fargate-fit-report-'));
  const file = join(workDir, 'report.html');
  await writeFile(file, html, 'utf8');
  reportUrl = pathToFileURL(file).href;
  // A fresh profile in the temporary directory: no extensions, history or cached state.
  context = await chromium.launchPersistentContext(join(workDir, 'profile'), {
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
});

afterAll(async () => {
  await context?.close();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe('HTML report in Chromium', () => {
  it('loads with no request but the file itself, no console error and no page error', async () => {
    const { page, requests, consoleErrors, pageErrors } = await open(reportUrl);
    // Exercise the script too: errors in sort or filter handlers would only show then.
    await page.click('th[data-sort-key="savings"] button');
    await page.selectOption('#filter-verdict', 'ineligible');
    await page.fill('#filter-text', 'prod');
    await page.click('tbody.workload:not([hidden]) summary');
    expect(requests).toEqual([reportUrl]);
    expect(consoleErrors).toEqual([]);
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('draws the charts: every bar has a non-zero size, longer bars for larger savings', async () => {
    const { page } = await open(reportUrl);
    for (const chart of ['#chart-verdicts', '#chart-accounts', '#chart-clusters']) {
      const bars = page.locator(`${chart} rect.bar`);
      expect(await bars.count(), chart).toBeGreaterThan(0);
      for (const box of await Promise.all((await bars.all()).map((bar) => bar.boundingBox()))) {
        expect(box?.width, chart).toBeGreaterThan(0);
        expect(box?.height, chart).toBeGreaterThan(0);
      }
    }
    const accountWidths = await Promise.all(
      (await page.locator('#chart-accounts rect.bar').all()).map(
        async (bar) => (await bar.boundingBox())?.width ?? 0,
      ),
    );
    // Accounts are listed by saving, largest first, on one scale.
    expect(accountWidths).toEqual([...accountWidths].sort((a, b) => b - a));
    const verdictBars = await page.locator('#chart-verdicts rect.bar').count();
    expect(verdictBars).toBe(Object.values(report.summary.byVerdict).filter((n) => n > 0).length);
    await page.close();
  });

  it('sorts by a column when its header is clicked, and reverses on a second click', async () => {
    const { page } = await open(reportUrl);
    const header = page.locator('th[data-sort-key="savings"]');

    await header.locator('button').click();
    expect(await header.getAttribute('aria-sort')).toBe('descending');
    const descending = await visibleOrder(page);
    expect(descending).toHaveLength(report.workloads.length);
    expectSorted(descending.map(savingsOf), 'descending');
    expect(descending).not.toEqual(report.workloads.map((_, i) => i));

    await header.locator('button').click();
    expect(await header.getAttribute('aria-sort')).toBe('ascending');
    expectSorted((await visibleOrder(page)).map(savingsOf), 'ascending');

    const nameHeader = page.locator('th[data-sort-key="name"]');
    await nameHeader.locator('button').click();
    expect(await nameHeader.getAttribute('aria-sort')).toBe('ascending');
    // Only the sorted column carries aria-sort.
    expect(await header.getAttribute('aria-sort')).toBeNull();
    const names = (await visibleOrder(page)).map((i) => {
      const w = report.workloads[i];
      return `${w?.namespace ? `${w.namespace}/` : ''}${w?.name}`.toLowerCase();
    });
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    await page.close();
  });

  it('sorts from the keyboard: Tab to a column header, then Enter', async () => {
    const { page } = await open(reportUrl);
    await page.focus('#filter-text');
    let focused = '';
    for (let presses = 0; presses < 12 && focused !== 'replicas'; presses += 1) {
      await page.keyboard.press('Tab');
      focused = await inPage<string>(page, `document.activeElement?.closest('th')?.dataset.sortKey ?? ''`);
    }
    expect(focused).toBe('replicas');
    expect(await inPage<boolean>(page, `document.activeElement.matches(':focus-visible')`)).toBe(true);

    await page.keyboard.press('Enter');

    expect(await page.locator('th[data-sort-key="replicas"]').getAttribute('aria-sort')).toBe('descending');
    expectSorted(
      (await visibleOrder(page)).map((i) => report.workloads[i]?.replicas ?? null),
      'descending',
    );
    expect(await page.locator('#sort-status').textContent()).toBe('Sorted by Replicas, descending');
    await page.close();
  });

  it('filters by verdict and by free text, and says how many rows are shown', async () => {
    const { page } = await open(reportUrl);
    const ineligible = report.workloads.filter((w) => w.verdict === 'ineligible').length;

    await page.selectOption('#filter-verdict', 'ineligible');
    const byVerdict = await visibleOrder(page);
    expect(byVerdict).toHaveLength(ineligible);
    expect(byVerdict.every((i) => report.workloads[i]?.verdict === 'ineligible')).toBe(true);
    expect(await page.locator('#row-count').textContent()).toBe(
      `${ineligible} of ${report.workloads.length} workloads`,
    );

    await page.selectOption('#filter-verdict', '');
    await page.fill('#filter-text', 'checkout');
    const byText = await visibleOrder(page);
    expect(byText.map((i) => report.workloads[i]?.name)).toEqual(['checkout-api', 'checkout-api']);

    // Rule ids and messages are searchable too, and terms combine.
    await page.fill('#filter-text', 'eks-privileged notebooks');
    expect((await visibleOrder(page)).map((i) => report.workloads[i]?.name)).toEqual(['jupyter-hub']);

    await page.fill('#filter-text', 'no such workload anywhere');
    expect(await visibleOrder(page)).toEqual([]);
    expect(await page.locator('#no-match').isVisible()).toBe(true);

    await page.fill('#filter-text', '');
    expect(await visibleOrder(page)).toHaveLength(report.workloads.length);
    expect(await page.locator('#no-match').isVisible()).toBe(false);
    await page.close();
  });

  it('shows a workload named <img src=x onerror=alert(1)> as text and runs nothing', async () => {
    const { page, dialogs } = await open(reportUrl);
    expect(await page.locator('img').count()).toBe(0);
    await page.fill('#filter-text', 'onerror');
    const name = page.locator('tbody.workload:not([hidden]) .wl-name');
    expect(await name.textContent()).toBe(HOSTILE_NAME);
    expect(dialogs).toEqual([]);
    await page.close();
  });

  it('shows the cluster compliance findings on screen, a <script> cluster name as text', async () => {
    const { page, dialogs } = await open(reportUrl);
    const section = page.locator('#clusters');
    await section.scrollIntoViewIfNeeded();
    expect(await section.getByRole('heading', { name: 'Cluster compliance', level: 2 }).isVisible()).toBe(
      true,
    );
    expect(await section.getByText(PUBLIC_ENDPOINT_MESSAGE).isVisible()).toBe(true);
    expect(await section.locator('.cluster-name', { hasText: HOSTILE_CLUSTER }).isVisible()).toBe(true);
    expect(dialogs).toEqual([]);
    await page.close();
  });

  it("opens a workload's details with its findings, fix, size and cost breakdown", async () => {
    const { page } = await open(reportUrl);
    const index = report.workloads.findIndex((w) => w.verdict === 'ineligible');
    const group = page.locator(`tbody.workload[data-index="${index}"]`);
    const findings = group.locator('.findings');
    expect(await findings.isVisible()).toBe(false);

    await group.locator('details[id^="workload-"] > summary').click();

    expect(await findings.isVisible()).toBe(true);
    const workload = report.workloads[index];
    expect(await group.locator('.finding').count()).toBe(workload?.findings.length);
    expect(await group.locator('.finding-fix').first().textContent()).toContain('Fix:');
    expect(await group.locator('.breakdown li').count()).toBe(workload?.cost?.breakdown.length);
    await page.close();
  });

  it('fits a 375 px phone: no sideways page scroll, the table scrolls inside its container', async () => {
    const { page, consoleErrors } = await open(reportUrl, { width: 375, height: 812 });
    expect(await inPage<number>(page, 'document.documentElement.scrollWidth')).toBeLessThanOrEqual(375);
    const container = await inPage<{ scroll: number; client: number }>(
      page,
      `(() => { const c = document.querySelector('#workload-table').parentElement; return { scroll: c.scrollWidth, client: c.clientWidth }; })()`,
    );
    expect(container.scroll).toBeGreaterThan(container.client);
    await page.locator('tbody.workload summary').first().click();
    expect(await inPage<number>(page, 'document.documentElement.scrollWidth')).toBeLessThanOrEqual(375);
    await mkdir(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'report-375.png'), fullPage: true });
    expect(consoleErrors).toEqual([]);
    await page.close();
  });

  it('prints everything: controls hidden, every workload detail shown', async () => {
    const { page } = await open(reportUrl);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.controls').isVisible()).toBe(false);
    // Closed <details> still print their content. (Their boxes have a size on screen too, so
    // visibility is what tells printed from skipped.)
    const printed = await inPage<boolean[]>(
      page,
      `[...document.querySelectorAll('details:not([open]) .detail')].map((d) => d.checkVisibility())`,
    );
    expect(printed).toHaveLength(report.workloads.length);
    expect(printed.every(Boolean)).toBe(true);
    await page.emulateMedia({ media: 'screen' });
    expect(
      await inPage<boolean>(page, `document.querySelector('details:not([open]) .detail').checkVisibility()`),
    ).toBe(false);

    // The print events open every details element and close them again afterwards.
    await inPage(page, `window.dispatchEvent(new Event('beforeprint'))`);
    expect(await page.locator('details:not([open])').count()).toBe(0);
    await inPage(page, `window.dispatchEvent(new Event('afterprint'))`);
    expect(await page.locator('details[open]').count()).toBe(0);
    await page.close();
  });

  it('blocks, and these tests would see, any request a future change might add', async () => {
    const stray = html.replace('</main>', '<img src="http://127.0.0.1:9/pixel.png" alt=""></main>');
    const strayFile = join(workDir, 'stray.html');
    await writeFile(strayFile, stray, 'utf8');
    const { page, requests, consoleErrors } = await open(pathToFileURL(strayFile).href);
    const fetched = await inPage<string>(
      page,
      `fetch('http://127.0.0.1:9/data.json').then(() => 'fetched', () => 'blocked')`,
    );
    expect(fetched).toBe('blocked');
    // The policy refuses both, and says so on the console, where the first test looks.
    const refusals = consoleErrors.filter((e) => e.includes('Content Security Policy'));
    expect(refusals.some((e) => e.includes('http://127.0.0.1:9/pixel.png'))).toBe(true);
    expect(refusals.some((e) => e.includes('http://127.0.0.1:9/data.json'))).toBe(true);
    // The request recorder sees the attempt as well, so the first test would fail on either.
    expect(requests).toContain('http://127.0.0.1:9/pixel.png');
    await page.close();
  });

  it('keeps a screenshot as a test artifact', async () => {
    const { page } = await open(reportUrl);
    await mkdir(ARTIFACTS, { recursive: true });
    const path = join(ARTIFACTS, 'report.png');
    await page.screenshot({ path, fullPage: true });
    expect(existsSync(path)).toBe(true);
    await page.close();
  });
});
