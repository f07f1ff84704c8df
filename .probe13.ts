import { readFileSync } from 'node:fs';
import { readText } from './lib/manifests/read.js';
import { judgeWorkloads } from './lib/findings/judge.js';
import { allRules } from './lib/rules/index.js';
import { buildReport } from './lib/findings/assemble.js';
import { REPORT_FORMATS, renderReport } from './lib/sinks/render.js';
import { estimateCost } from './lib/pricing/cost.js';
import { DEFAULT_PRICE_BOOK } from './lib/pricing/default-price-book.js';
import { DEFAULT_PRICING_SETTINGS } from './lib/pricing/settings.js';
const text = readFileSync('test/fixtures/manifests/k8s/every-kind.yaml', 'utf8');
const N = 50;
const t: Record<string, number> = {};
const time = (k: string, f: () => any) => { const s = performance.now(); const r = f(); t[k] = (t[k] ?? 0) + performance.now() - s; return r; };
for (let i = 0; i < N; i++) {
  const read = time('read', () => readText('x.yaml', text));
  const j = time('judge', () => judgeWorkloads(read.workloads, { rules: allRules, cost: (w) => estimateCost(w, DEFAULT_PRICING_SETTINGS, DEFAULT_PRICE_BOOK).cost }));
  time('judge-nocost', () => judgeWorkloads(read.workloads, { rules: allRules }));
  const rep = buildReport(j.results, read.gaps);
  for (const f of REPORT_FORMATS) time(f, () => renderReport(f, rep, { rules: allRules, toolVersion: 'x', colors: true }));
}
for (const [k, v] of Object.entries(t)) console.log(k, (v / N).toFixed(2), 'ms');
