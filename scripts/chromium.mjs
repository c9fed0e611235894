// Debian's Chromium as the end-to-end tests and the benchmarks launch it: CHROMIUM_PATH overrides the path.
export const chromiumPath = () => process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Flags that work on lab machines and CI: no sandbox as root, no GPU, and no calls to the network. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
