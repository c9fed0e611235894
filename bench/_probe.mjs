import { runnerImport } from 'vite';
const { module } = await runnerImport('/work/main/bench/_probe.ts', { configFile: false, logLevel: 'warn', cacheDir: '/tmp/qorgau-bench/vite-cache' });
console.log(module.run());
