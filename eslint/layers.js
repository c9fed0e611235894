// The floors of the house (docs/architecture.md), as one lint rule: each file
// belongs to a floor, and may import only from the floors that floor lists.
// Relative imports are resolved to the file they name, so `../x` and
// `../../x` are judged by where they land, not by how they are written.
import { dirname, relative, resolve } from 'node:path';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');

/** Floor of a repository path, or undefined for files the rule does not govern. */
export function floorOf(path) {
  const m =
    /^src\/core\/base\//.exec(path) ??
    /^src\/core\/(pack)\//.exec(path) ??
    /^src\/core\/(platform|ipc)\.ts$/.exec(path) ??
    /^src\/core\/([^/]+)\//.exec(path) ??
    /^src\/renderer\/features\/([^/]+)\//.exec(path) ??
    /^src\/renderer\/(data|app|lib|platform|styles)\//.exec(path) ??
    /^src\/renderer\/[^/]+$/.exec(path) ??
    /^src\/(main|preload|node|cli|collector|locales)\//.exec(path) ??
    /^(assets)\//.exec(path) ??
    /^(package\.json)$/.exec(path);
  if (!m) return undefined;
  if (path.startsWith('src/core/base/')) return 'core/base';
  if (path.startsWith('src/core/pack/') || /^src\/core\/(platform|ipc)\.ts$/.test(path)) return 'core/top';
  if (path.startsWith('src/core/')) return `core/${m[1]}`;
  if (path.startsWith('src/renderer/features/')) return `feature/${m[1]}`;
  if (/^src\/renderer\/[^/]+$/.test(path)) return 'renderer/shell';
  if (path.startsWith('src/renderer/')) return `renderer/${m[1]}`;
  if (path.startsWith('src/')) return m[1];
  return m[1];
}

const isCoreMiddle = (f) => f.startsWith('core/') && f !== 'core/base' && f !== 'core/top';
const core = (f) => f.startsWith('core/') || f === 'locales';

/** Whether a file on floor `from` may import a file on floor `to`, and why not. */
export function allowed(from, to) {
  if (from === to) return true;
  if (to === undefined) return true;
  if (from === 'core/base') return 'core/base is the floor of core: it imports only from itself.';
  if (isCoreMiddle(from)) {
    if (to === 'core/base' || isCoreMiddle(to) || to === 'locales') return true;
    return 'The content floors of core (markdown, scenario, quiz, worksheet, classroom, stats, …) import core/base and each other, never the pack loader or the platform contract.';
  }
  if (from === 'core/top') return core(to) || 'src/core imports only from core.';
  if (from === 'renderer/data') return core(to) || 'renderer/data is the bottom of the renderer: it imports core and itself only.';
  if (from === 'renderer/lib') return core(to) || to === 'renderer/data' || 'renderer/lib holds shared pieces: it imports core and data, never app or a feature.';
  if (from === 'renderer/app') return core(to) || to === 'renderer/data' || to === 'renderer/lib' || to === 'package.json' || 'renderer/app imports core, data and lib, never a feature.';
  if (from.startsWith('feature/')) {
    if (core(to) || ['renderer/data', 'renderer/lib', 'renderer/app', 'renderer/styles'].includes(to)) return true;
    if (to.startsWith('feature/')) return `A feature never imports another feature (${to.slice(8)}): move what both need to app/ or lib/.`;
    return 'A feature imports app/, data/, lib/ and core only.';
  }
  if (from === 'renderer/platform') return core(to) || 'The platform modules implement core’s PlatformApi with web APIs only.';
  if (from === 'renderer/shell') return !['main', 'preload', 'node', 'cli', 'collector'].includes(to) || 'The renderer meets main only through the core contract.';
  if (from === 'main' || from === 'preload') return core(to) || to === 'node' || 'main and preload import core and node, never the renderer.';
  if (from === 'node') return core(to) || 'src/node imports core only.';
  if (from === 'cli') return core(to) || to === 'node' || to === 'package.json' || 'The command line imports core and node only.';
  if (from === 'collector') return core(to) || to === 'node' || to === 'package.json' || 'The collector imports core and node only.';
  return true;
}

/** Packages a floor may not import at all. */
const BANNED = [
  [/^(core\/|locales)/, /^(dexie|svelte|dompurify|electron|node:|fs$|path$|os$|child_process$|crypto$|url$|#platform)/, 'src/core is pure: no DOM, Node, Electron, Dexie or Svelte.'],
  [/^renderer\/data$/, /^(svelte|dompurify|electron|node:|#platform)/, 'renderer/data is free of the DOM and the UI: Dexie and core only.'],
  [/^(feature\/|renderer\/(app|lib|platform|shell))/, /^dexie/, 'Only renderer/data talks to Dexie: go through a repository.'],
  [/^(feature\/|renderer\/)/, /^(electron|node:|fs$|path$|os$|child_process$|crypto$|url$)/, 'The renderer never imports Electron or Node: go through #platform.'],
  [/^(main|preload)$/, /^(svelte|dexie)/, 'main never imports renderer code.'],
];

const rule = {
  meta: { type: 'problem', schema: [], docs: { description: 'Keeps every import on the floors docs/architecture.md describes.' } },
  create(context) {
    const file = relative(root, context.filename).split('\\').join('/');
    const from = floorOf(file);
    if (!from) return {};
    const check = (node, spec) => {
      if (typeof spec !== 'string') return;
      if (spec.startsWith('.')) {
        const target = relative(root, resolve(dirname(context.filename), spec)).split('\\').join('/');
        const verdict = allowed(from, floorOf(target));
        if (verdict !== true) context.report({ node, message: `${verdict} (${file} → ${target})` });
        return;
      }
      for (const [floors, packages, message] of BANNED) {
        if (floors.test(from) && packages.test(spec)) context.report({ node, message: `${message} (${spec})` });
      }
    };
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
    };
  },
};

export default { rules: { floors: rule } };
