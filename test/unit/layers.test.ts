/**
 * The floors of the house (docs/architecture.md) as the lint rule sees them:
 * a wrong import is refused with its reason.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { allowed, floorOf } from '../../eslint/layers.js';

describe('the floors', () => {
  it('every file of src belongs to a floor', () => {
    expect(floorOf('src/core/base/bytes.ts')).toBe('core/base');
    expect(floorOf('src/core/quiz/score.ts')).toBe('core/quiz');
    expect(floorOf('src/core/pack/load.ts')).toBe('core/top');
    expect(floorOf('src/core/ipc.ts')).toBe('core/top');
    expect(floorOf('src/renderer/data/packs.ts')).toBe('renderer/data');
    expect(floorOf('src/renderer/features/lesson/Reader.svelte')).toBe('feature/lesson');
    expect(floorOf('src/renderer/App.svelte')).toBe('renderer/shell');
    expect(floorOf('src/main/index.ts')).toBe('main');
  });

  it('each floor imports only from the floors below it', () => {
    expect(allowed('core/quiz', 'core/base')).toBe(true);
    expect(allowed('core/base', 'core/quiz')).toMatch(/floor of core/);
    expect(allowed('core/quiz', 'core/top')).toMatch(/never the pack loader/);
    expect(allowed('feature/lesson', 'renderer/app')).toBe(true);
    expect(allowed('feature/lesson', 'feature/quiz')).toMatch(/never imports another feature \(quiz\)/);
    expect(allowed('renderer/app', 'feature/lesson')).toMatch(/never a feature/);
    expect(allowed('renderer/lib', 'renderer/app')).toMatch(/never app/);
    expect(allowed('renderer/data', 'renderer/lib')).toMatch(/core and itself/);
    expect(allowed('main', 'renderer/data')).toMatch(/never the renderer/);
  });

  it('the lint refuses a feature that reaches into another feature or into Dexie (npm run lint checks the whole tree)', async () => {
    const eslint = new ESLint();
    const [bad] = await eslint.lintText("import { openQuiz } from '../quiz/quiz';\nimport Dexie from 'dexie';\nexport const x = [openQuiz, Dexie];\n", {
      filePath: 'src/renderer/features/lesson/example.ts',
    });
    expect(bad?.messages.filter((m) => m.ruleId === 'qorgau/floors').map((m) => m.message)).toEqual([
      expect.stringContaining('never imports another feature (quiz)'),
      expect.stringContaining('Only renderer/data talks to Dexie'),
    ]);
  }, 120_000);
});
