import { webAddress } from '../../core/links';
import type { BuiltinPackInfo, PickedFolder, PlatformApi, SavePdfResult } from '../../core/platform';
import { isLoopback, postBatch, probeCollector, type SendResult } from '../../core/stats/http';
import type { StatsBatch } from '../../core/stats/schema';

/** The shell for a plain browser: the built-in pack is served beside the app; folders cannot be picked. */
async function fetchBytes(url: string): Promise<Response> {
  const response = await fetch(url, { cache: 'no-cache' });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response;
}

export const platform: PlatformApi = {
  shell: 'browser',
  async builtinPackInfo(): Promise<BuiltinPackInfo> {
    return (await (await fetchBytes('./pack/builtin.json')).json()) as BuiltinPackInfo;
  },
  async readBuiltinPack(): Promise<Uint8Array> {
    return new Uint8Array(await (await fetchBytes('./pack/builtin.qpack')).arrayBuffer());
  },
  async pickPackFolder(): Promise<PickedFolder | null> {
    return null;
  },
  async readFolderFile(): Promise<Uint8Array> {
    throw new Error('Folders can only be imported in the desktop app.');
  },
  async openExternal(url: string): Promise<void> {
    const address = webAddress(url);
    if (address) window.open(address, '_blank', 'noopener,noreferrer');
  },
  async print(): Promise<void> {
    window.print();
  },
  async savePdf(): Promise<SavePdfResult> {
    // A web page cannot write files: the browser's print dialog offers "Save as PDF".
    window.print();
    return { status: 'printDialog' };
  },
  /**
   * A web page may only reach its own server and, by the web build's policy,
   * a collector on this computer (for trying a collector out, and for the
   * tests). Remote collectors are for the desktop app; the settings page says so.
   */
  async sendStats(collectorUrl: string, token: string, batch: StatsBatch): Promise<SendResult> {
    if (!isLoopback(new URL(collectorUrl))) return { ok: false, failure: { kind: 'network', message: 'browser-remote' } };
    return postBatch((input, init) => fetch(input, init), collectorUrl, token, batch);
  },
  async probeCollector(collectorUrl: string): Promise<boolean> {
    if (!isLoopback(new URL(collectorUrl))) return false;
    return probeCollector((input, init) => fetch(input, init), collectorUrl);
  },
};
