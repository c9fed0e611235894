import type { PlatformApi } from '../../core/platform';

declare global {
  interface Window {
    qorgau?: PlatformApi;
  }
}

/** The desktop shell: everything goes through the one object the preload exposes. */
function fromPreload(): PlatformApi {
  if (!window.qorgau) throw new Error('The Qorgau preload did not run.');
  return window.qorgau;
}

export const platform: PlatformApi = fromPreload();
