import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

const nodeOnly = ['node:*', 'fs', 'path', 'os', 'child_process', 'crypto', 'url', 'electron', 'electron/*'];

export default ts.config(
  { ignores: ['out/', 'dist/', 'release/', 'node_modules/', 'test-results/', 'playwright-report/', 'bench/results.json', 'test/fixtures/', '.scratch/'] },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: ts.parser, extraFileExtensions: ['.svelte'], svelteConfig } },
  },
  {
    // core is plain TypeScript: no DOM, no Node, no Electron, no database.
    files: ['src/core/**/*.ts'],
    languageOptions: { globals: { ...globals['shared-node-browser'] } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: [...nodeOnly, 'dexie', 'svelte', 'svelte/*', 'dompurify'], message: 'src/core is pure: no DOM, Node, Electron, Dexie or Svelte imports.' },
            { group: ['**/renderer/**', '**/main/**', '**/preload/**', '**/cli/**', '**/node/**'], message: 'src/core imports only from core.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'localStorage', 'indexedDB', 'navigator', 'process', 'require', 'Buffer', '__dirname'],
    },
  },
  {
    // The renderer runs in a sandboxed page: no Electron, no Node.
    files: ['src/renderer/**/*.ts', 'src/renderer/**/*.svelte'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: nodeOnly, message: 'The renderer never imports Electron or Node: go through #platform.' },
            { group: ['**/main/**', '**/preload/**', '**/cli/**', '**/node/**'], message: 'The renderer meets main only through the core contract.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/main/**/*.ts', 'src/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/renderer/**'], message: 'main never imports renderer code.' }] }],
    },
  },
  {
    files: ['bench/**/*.ts', 'test/e2e/**/*.ts'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
  },
);
