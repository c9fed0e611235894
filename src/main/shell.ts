import type { MenuItemConstructorOptions } from 'electron';

/** How the desktop shell behaves, decided once at start (docs/security.md). */
export interface ShellPolicy {
  /** The development server's address, or undefined to load the built page from the app. */
  rendererUrl: string | undefined;
  /** Developer tools, reload and the default menu: only while developing, never in the installed app. */
  devTools: boolean;
  /** The application menu: Electron's default while developing, a minimal one (macOS) or none in the installed app. */
  menu: 'default' | 'minimal' | 'none';
}

/**
 * An installed app ignores ELECTRON_RENDERER_URL (any page would otherwise
 * get the preload bridge and pass the sender check) and has no developer
 * tools, no reload and no default menu, so a pupil at a lab PC cannot open
 * IndexedDB or rewrite the page.
 */
export function shellPolicy(packaged: boolean, env: Record<string, string | undefined>, platform: string): ShellPolicy {
  if (!packaged) return { rendererUrl: env['ELECTRON_RENDERER_URL'] || undefined, devTools: true, menu: 'default' };
  return { rendererUrl: undefined, devTools: false, menu: platform === 'darwin' ? 'minimal' : 'none' };
}

/** macOS needs a menu for Quit and for copy and paste in text fields; its roles carry the system's own labels. */
export const MINIMAL_MENU: MenuItemConstructorOptions[] = [{ role: 'appMenu' }, { role: 'editMenu' }];
