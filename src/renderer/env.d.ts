/// <reference types="svelte" />
/// <reference types="vite/client" />

declare module '#platform' {
  import type { PlatformApi } from '../core/platform';
  export const platform: PlatformApi;
}
