import { chromium } from 'playwright-core';
const [,, url, out, clickText, scroll] = process.argv;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--disable-background-networking','--disable-component-update','--disable-sync','--no-first-run'] });
const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
page.on('console', m => console.log('console:', m.type(), m.text()));
page.on('pageerror', e => console.log('pageerror:', e.message));
await page.goto(url);
await page.waitForTimeout(1500);
await page.goto(url.replace(/\?.*/, '') + '?' + url.split('?')[1] + '#/lesson/qorgau-core/cyberbullying-bystander/kk');
await page.waitForTimeout(1000);
if (clickText) { await page.getByRole('button', { name: clickText }).click(); await page.waitForTimeout(500); }
if (scroll) { await page.mouse.wheel(0, Number(scroll)); await page.waitForTimeout(500); }
await page.screenshot({ path: out });
await browser.close();
