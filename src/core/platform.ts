import type { Problem } from './base/problems';
import type { KeeperStatus, KeptSecrets, SetUpResult, UnlockResult } from './classroom/keeper';
import type { SendResult } from './stats/http';
import type { StatsBatch } from './stats/schema';

/**
 * What the renderer needs from the shell it runs in. The Electron preload
 * exposes one object that `satisfies` this type; the browser build implements
 * it with web APIs. The compiler proves both shells offer the same API.
 */
export interface BuiltinPackInfo {
  id: string;
  version: string;
}

/** A pack folder the user picked in the desktop app: its files are read one at a time through the shell. */
export interface PickedFolder {
  /** Opaque handle that lets the renderer read files of this folder only. */
  token: string;
  name: string;
  files: { path: string; size: number }[];
  /** Links or special files found while listing: the folder is refused with these. */
  problems?: Problem[];
}

/** What came of "Save as PDF". The browser has no file access: it opens its print dialog, where the user picks "Save as PDF". */
export type SavePdfResult = { status: 'saved'; path: string } | { status: 'cancelled' } | { status: 'printDialog' };

export interface PlatformApi {
  readonly shell: 'electron' | 'browser';
  builtinPackInfo(): Promise<BuiltinPackInfo>;
  readBuiltinPack(): Promise<Uint8Array>;
  /** Desktop only: asks the user for a pack folder; null when they cancel. */
  pickPackFolder(): Promise<PickedFolder | null>;
  readFolderFile(token: string, path: string): Promise<Uint8Array>;
  /** Opens an http(s) link in the system browser. The UI has already asked the user. */
  openExternal(url: string): Promise<void>;
  /** Prints the page as it is laid out for print, through the system print dialog. */
  print(): Promise<void>;
  /** Saves the page as laid out for print to a PDF the user names; `suggestedName` ends in .pdf. */
  savePdf(suggestedName: string): Promise<SavePdfResult>;
  /**
   * Sends one statistics batch to the collector (docs/usage-statistics.md).
   * The desktop app sends from its main process, so the page's
   * Content-Security-Policy allows no remote address at all.
   */
  sendStats(collectorUrl: string, token: string, batch: StatsBatch): Promise<SendResult>;
  /** Whether the collector answers (its health check). */
  probeCollector(collectorUrl: string): Promise<boolean>;

  // The teacher's secrets (core/classroom/keeper.ts): kept by the main process
  // in the desktop app, by the page in the browser version. The page asks;
  // it never reads or writes the record.
  /** Whether a teacher is set up, and whether this PC is a pupils' station. */
  teacherStatus(): Promise<KeeperStatus>;
  teacherSetUp(pin: string, adminCode?: string): Promise<SetUpResult>;
  teacherUnlock(pin: string): Promise<UnlockResult>;
  teacherReset(adminCode: string, newPin: string): Promise<UnlockResult>;
  teacherCheckAdministrator(adminCode: string): Promise<UnlockResult>;
  /** Hands this PC to pupils until a teacher enters the PIN. */
  teacherStartStation(): Promise<void>;
  /**
   * Takes over the record an earlier version kept in the page's database,
   * once, when the keeper has none; refused (false) otherwise.
   */
  teacherAdopt(secrets: KeptSecrets): Promise<boolean>;
  /** The school's seal of a results file's or backup's text; null on a PC without a school key. */
  schoolSeal(text: string): Promise<string | null>;
  /** Whether a seal is the school's; null on a PC without a school key. */
  schoolCheckSeal(text: string, seal: string): Promise<boolean | null>;
}
