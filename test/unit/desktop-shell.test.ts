/**
 * The installed desktop app (docs/security.md): developer tools, reload and
 * the default menu only while developing; the development server's address
 * ignored; and Electron's fuses set so that nobody can run the app as plain
 * Node, inspect it, or load it from outside its checked archive.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MINIMAL_MENU, shellPolicy } from '../../src/main/shell';

describe('the desktop shell', () => {
  it('an installed app ignores ELECTRON_RENDERER_URL and has no developer tools or default menu', () => {
    const env = { ELECTRON_RENDERER_URL: 'http://evil.example:5173' };
    expect(shellPolicy(true, env, 'win32')).toEqual({ rendererUrl: undefined, devTools: false, menu: 'none' });
    expect(shellPolicy(true, env, 'linux')).toEqual({ rendererUrl: undefined, devTools: false, menu: 'none' });
    // macOS keeps Quit, copy and paste.
    expect(shellPolicy(true, env, 'darwin')).toEqual({ rendererUrl: undefined, devTools: false, menu: 'minimal' });
    expect(MINIMAL_MENU.map((m) => m.role)).toEqual(['appMenu', 'editMenu']);
  });

  it('while developing, the development server and the tools are there', () => {
    expect(shellPolicy(false, { ELECTRON_RENDERER_URL: 'http://localhost:5173' }, 'linux')).toEqual({ rendererUrl: 'http://localhost:5173', devTools: true, menu: 'default' });
    expect(shellPolicy(false, {}, 'linux').rendererUrl).toBeUndefined();
  });

  it('the installers are built with every fuse closed that would let a pupil or a stranger run code as the app', () => {
    const config = JSON.parse(readFileSync('package.json', 'utf8')) as { build: { asar: boolean; electronFuses: Record<string, boolean> } };
    expect(config.build.asar).toBe(true);
    expect(config.build.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });
});
