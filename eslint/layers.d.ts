/** Types of eslint/layers.js, for its unit test. */
export function floorOf(path: string): string | undefined;
export function allowed(from: string, to: string | undefined): true | string;
declare const plugin: { rules: Record<string, unknown> };
export default plugin;
