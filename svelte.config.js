/** Svelte 5 compiles TypeScript in components natively; runes everywhere. */
export default {
  compilerOptions: { runes: true },
};
