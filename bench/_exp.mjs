import { chromium } from 'playwright-core';
import { build, preview } from 'vite';
process.chdir('/work/main');
await build({ configFile: 'bench/vite.config.ts', build: { minify: false } });
const server = await preview({ configFile: 'bench/vite.config.ts' });
const url = `http://127.0.0.1:${server.httpServer.address().port}/`;
const ctx = await chromium.launchPersistentContext('/tmp/qorgau-bench/profile-exp', { executablePath: '/usr/bin/chromium', args: ['--headless','--no-sandbox','--disable-gpu','--disable-background-networking','--disable-component-update','--disable-sync','--no-first-run'] });
const page = ctx.pages()[0];
page.on('console', (m) => console.log('console:', m.text()));
await page.goto(url); await page.waitForFunction(() => window.benchX);
const what = process.argv[2];
if (what === 'profile') {
  const cdp = await ctx.newCDPSession(page);
  for (const fn of ['sanLoop', 'renLoop']) {
  await page.evaluate((fn) => window[fn](10), fn);
  await cdp.send('Profiler.enable'); await cdp.send('Profiler.setSamplingInterval', { interval: 100 }); await cdp.send('Profiler.start');
  await page.evaluate((fn) => window[fn](40), fn);
  const { profile } = await cdp.send('Profiler.stop');
  const self = new Map(); const dt = profile.timeDeltas; const byId = new Map(profile.nodes.map(n => [n.id, n]));
  profile.samples.forEach((id, i) => { const n = byId.get(id); const k = n.callFrame.functionName + ' ' + n.callFrame.url.split('/').pop() + ':' + n.callFrame.lineNumber; self.set(k, (self.get(k) ?? 0) + (dt[i] ?? 0)); });
  console.log(fn, [...self].sort((a, b) => b[1] - a[1]).slice(0, 14).map(([k, v]) => `${(v / 1000).toFixed(0)}ms ${k}`).join('\n'));
  }
} else if (what === 'render') { for (let i = 0; i < 2; i++) console.log(await page.evaluate(() => window.benchX.renderVariants(60))); }
else {
  await page.setInputFiles('#pick', '/tmp/qorgau-bench/big-v1-1000l-400x500000.qpack');
  if (what === 'reads') console.log(await page.evaluate(() => window.benchX.blobReads()));
  else for (const o of JSON.parse(what)) { await new Promise((r) => setTimeout(r, 4000)); console.log(JSON.stringify(o), await page.evaluate((o) => window.benchX.importWith(o), o)); }
}
await ctx.close(); await server.close();
