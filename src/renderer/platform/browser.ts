import { webAddress } from '../../core/links';
import type { BuiltinPackInfo, PickedFolder, PlatformApi, SavePdfResult } from '../../core/platform';
import { isLoopback, postBatch, probeCollector, type SendResult } from '../../core/stats/http';
import type { StatsBatch } from '../../core/stats/schema';
import { keptSecretsSchema, secretsKeeper, type KeptSecrets, type SecretsStore } from '../../core/classroom/keeper';

/**
 * The browser version keeps the teacher's record in the profile's local
 * storage: anyone with the browser's developer tools can change it, which is
 * why docs/security.md says a lab PC should run the desktop app. A damaged
 * record is an error, never a fresh start.
 */
const SECRETS_KEY = 'qorgau.teacher';
const browserSecrets: SecretsStore = {
  async read() {
    const raw = localStorage.getItem(SECRETS_KEY);
    if (raw === null) return null;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      throw new Error('The teacher’s record on this PC is damaged.');
    }
    const parsed = keptSecretsSchema.safeParse(value);
    if (!parsed.success) throw new Error('The teacher’s record on this PC is damaged.');
    return parsed.data;
  },
  async write(secrets: KeptSecrets) {
    localStorage.setItem(SECRETS_KEY, JSON.stringify(secrets));
  },
};
// performance.now() only goes forward while the page is open; a reload starts a wait again from the page's start.
const keeper = secretsKeeper(browserSecrets, performance);

/** The shell for a plain browser: the built-in pack is served beside the app; folders cannot be picked. */
async function fetchBytes(url: string): Promise<Response> {
  const response = await fetch(url, { cache: 'no-cache' });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response;
}

export const platform: PlatformApi = {
  shell: 'browser',
  teacherStatus: () => keeper.status(),
  teacherSetUp: (pin, adminCode) => keeper.setUp(pin, adminCode),
  teacherUnlock: (pin) => keeper.unlock(pin),
  teacherReset: (adminCode, newPin) => keeper.reset(adminCode, newPin),
  teacherCheckAdministrator: (adminCode) => keeper.checkAdministrator(adminCode),
  teacherStartStation: () => keeper.startStation(),
  teacherAdopt: (secrets) => keeper.adopt(secrets),
  schoolSeal: (text) => keeper.seal(text),
  schoolCheckSeal: (text, seal) => keeper.checkSeal(text, seal),
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
