import { version as appVersion } from '../../../../package.json';
import { randomId } from '../../../core/classroom/bytes';
import type { Lang } from '../../../core/languages';
import { localDay, type RawCount, type UsageEvent } from '../../../core/stats/events';
import { exportStatsFile, markDeliveredByFile, statsFileText } from '../../../core/stats/file';
import { isLoopback, transportOf } from '../../../core/stats/http';
import { retryRefused, type OutboxRecord } from '../../../core/stats/outbox';
import type { StatsFile } from '../../../core/stats/schema';
import { describeNextSend, StatsSync, type NextSendSummary } from '../../../core/stats/sync';
import { platform } from '#platform';
import { db } from '../../lib/db';
import { locale } from '../../lib/i18n.svelte';
import { download } from '../classroom/download';
import { closeDays, DexieOutboxStore, recordUsage } from './local';

/**
 * Usage statistics in the running app (docs/usage-statistics.md): off until a
 * school administrator switches them on. While on, the screens record events
 * here; at start and at midnight the finished days become batches; the sync
 * sends them when the collector can be reached, from the desktop app's main
 * process. Nothing here may ever break a lesson: a failure to record is
 * dropped, a failure to send waits for the next try.
 */

export interface StatsSettings {
  enabled: boolean;
  /** The collector's address, normalised by core's collectorAddress. */
  collectorUrl: string;
  /** The school's token from the collector's `add-token`. */
  token: string;
  /** When the administrator last changed these settings (ms since the epoch). */
  changedAt: number;
}

const SETTINGS = 'statistics';
const INSTALL = 'statisticsInstall';
const LAST_EXPORT = 'statisticsLastExport';
const OFF: StatsSettings = { enabled: false, collectorUrl: '', token: '', changedAt: 0 };

/** Longest sleep between two looks at the outbox, so a PC left on for days still notices new batches. */
const MAX_SLEEP = 60 * 60 * 1000;

/** An event as a screen reports it: today and the pack's version are filled in here. */
type NewEvent = UsageEvent extends infer E ? (E extends UsageEvent ? Omit<E, 'day' | 'packVersion'> & { packVersion?: string } : never) : never;

class Statistics {
  settings = $state.raw<StatsSettings>(OFF);
  /** The outbox as the settings page shows it; refreshed after every change. */
  summary = $state.raw<NextSendSummary | undefined>(undefined);
  /** Events recorded and not yet counted (today's, or days not yet closed). */
  todayEvents = $state(0);
  /** The last run of the sync, for the settings page. */
  lastRun = $state.raw<{ at: number; sent: number; failed: number; refused: number; tokenRefused: boolean; connectivity: string } | undefined>(undefined);

  private loaded: Promise<void> | undefined;
  private sync: StatsSync | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private midnight: ReturnType<typeof setTimeout> | undefined;
  private versions = new Map<string, string>();

  /** Reads the settings once; the first caller waits for it, the others share it. */
  load(): Promise<void> {
    this.loaded ??= (async () => {
      const stored = (await db.settings.get(SETTINGS))?.value as Partial<StatsSettings> | undefined;
      this.settings = { ...OFF, ...(stored ?? {}) };
      this.lastExport = (await db.settings.get(LAST_EXPORT))?.value as { at: number; file: StatsFile } | undefined;
    })();
    return this.loaded;
  }

  /** At start: count finished days, plan the next midnight, start sending if allowed. */
  async start(): Promise<void> {
    await this.load();
    await this.closeFinishedDays();
    this.planMidnight();
    window.addEventListener('online', () => {
      this.sync?.online();
      this.kick();
    });
    window.addEventListener('offline', () => this.sync?.offline());
    this.restartSync();
    await this.refresh();
  }

  /** Whether this shell can reach the configured collector (a web page only reaches one on this computer). */
  canSend(settings: StatsSettings = this.settings): boolean {
    if (!settings.collectorUrl || !settings.token) return false;
    return platform.shell === 'electron' || isLoopback(new URL(settings.collectorUrl));
  }

  /**
   * Records one event if statistics are on. The day is today's, the pack
   * version the one in the library. Never throws.
   */
  async record(event: NewEvent): Promise<void> {
    try {
      await this.load();
      if (!this.settings.enabled) return;
      const packVersion = event.packVersion ?? (await this.packVersion(event.packId));
      if (!packVersion) return;
      await recordUsage(db, { ...event, packVersion, day: localDay(new Date()) } as UsageEvent);
    } catch {
      // A full disk or a closed database: statistics are never worth interrupting a class for.
    }
  }

  private async packVersion(packId: string): Promise<string | undefined> {
    const cached = this.versions.get(packId);
    if (cached) return cached;
    const row = await db.packs.get(packId);
    if (row) this.versions.set(packId, row.version);
    return row?.version;
  }

  /** A collector address that came with a ministry's pack (`statistics.collector` in pack.yaml), newest import first. */
  async suggestedCollector(): Promise<{ url: string; packId: string; title: Partial<Record<Lang, string>> } | undefined> {
    const packs = (await db.packs.toArray()).sort((a, b) => b.importedAt - a.importedAt);
    const pack = packs.find((p) => p.meta.statistics?.collector);
    const url = pack?.meta.statistics?.collector;
    return pack && url ? { url, packId: pack.id, title: pack.meta.title } : undefined;
  }

  /** A pack was imported or replaced: its version may have changed. */
  forgetPackVersions(): void {
    this.versions.clear();
  }

  /** The finished days become batches. Days are counted even when statistics were switched off since: their events were recorded while on. */
  private async closeFinishedDays(): Promise<void> {
    try {
      const made = await closeDays(db, localDay(new Date()), await this.meta(), Date.now());
      if (made.length) this.kick();
    } catch {
      // Tried again at midnight and at the next start: the events stay until then.
    }
  }

  private async meta(): Promise<{ install: string; appVersion: string; uiLanguage: Lang }> {
    return { install: await this.installId(), appVersion, uiLanguage: locale.lang };
  }

  /** A random ID for statistics only, not the one results files carry: the two cannot be linked. */
  private async installId(): Promise<string> {
    return db.transaction('rw', db.settings, async () => {
      const stored = (await db.settings.get(INSTALL))?.value;
      if (typeof stored === 'string') return stored;
      const id = randomId();
      await db.settings.put({ key: INSTALL, value: id });
      return id;
    });
  }

  private planMidnight(): void {
    clearTimeout(this.midnight);
    const now = new Date();
    const next = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1, 0, 0, 5);
    this.midnight = setTimeout(
      () => {
        void this.closeFinishedDays().then(() => this.refresh());
        this.planMidnight();
      },
      Math.min(next.getTime() - now.getTime(), MAX_SLEEP),
    );
  }

  private restartSync(): void {
    clearTimeout(this.timer);
    this.sync = undefined;
    const s = this.settings;
    if (!s.enabled || !this.canSend(s)) return;
    this.sync = new StatsSync({
      store: new DexieOutboxStore(db),
      transport: transportOf((batch) => platform.sendStats(s.collectorUrl, s.token, batch)),
      probe: () => platform.probeCollector(s.collectorUrl),
      now: Date.now,
      random: Math.random,
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    });
    this.kick();
  }

  /** Runs the sync now and sleeps until it has something to do. No busy loop: at most one timer. */
  private kick(): void {
    const sync = this.sync;
    if (!sync) return;
    clearTimeout(this.timer);
    void sync
      .runOnce()
      .then((report) => {
        if (sync !== this.sync) return;
        this.lastRun = { at: Date.now(), ...report };
        const wake = sync.nextWakeAt();
        const delay = wake === undefined ? MAX_SLEEP : Math.min(Math.max(wake - Date.now(), 1000), MAX_SLEEP);
        this.timer = setTimeout(() => this.kick(), delay);
      })
      .catch(() => {
        if (sync === this.sync) this.timer = setTimeout(() => this.kick(), MAX_SLEEP);
      })
      .finally(() => void this.refresh());
  }

  /** The administrator's "Send now": the network counts as back. */
  async sendNow(): Promise<void> {
    const sync = this.sync;
    if (!sync) return;
    sync.online();
    clearTimeout(this.timer);
    const report = await sync.runOnce();
    this.lastRun = { at: Date.now(), ...report };
    this.kick();
  }

  async saveSettings(next: Omit<StatsSettings, 'changedAt'>): Promise<void> {
    const settings = { ...next, changedAt: Date.now() };
    await db.settings.put({ key: SETTINGS, value: settings });
    this.settings = settings;
    this.restartSync();
    await this.refresh();
  }

  /** Switching off stops recording and sending; what was recorded stays on this PC, unsent, until switched on again or cleared. */
  async switchOff(): Promise<void> {
    await this.saveSettings({ ...this.settings, enabled: false });
  }

  /** Deletes everything statistics kept on this PC: events, held counts and unsent batches. */
  async clear(): Promise<void> {
    await db.transaction('rw', [db.usageEvents, db.statsHeld, db.statsOutbox], async () => {
      await db.usageEvents.clear();
      await db.statsHeld.clear();
      await db.statsOutbox.clear();
    });
    await this.refresh();
  }

  async refresh(): Promise<void> {
    const [records, held, today] = await Promise.all([db.statsOutbox.toArray(), db.statsHeld.toArray(), db.usageEvents.count()]);
    this.summary = describeNextSend(records, held.map(({ cell: _cell, ...c }) => c as RawCount));
    this.todayEvents = today;
  }

  async retry(key: string): Promise<void> {
    const record = await db.statsOutbox.get(key);
    if (!record) return;
    await db.statsOutbox.put(retryRefused(record, Date.now()));
    this.kick();
    await this.refresh();
  }

  /** The last file exported and not yet confirmed delivered: kept, so the confirmation can come days later. */
  lastExport = $state.raw<{ at: number; file: StatsFile } | undefined>(undefined);

  /** "Export statistics to a file": every batch not yet acknowledged. Marks nothing sent. */
  async exportFile(): Promise<StatsFile> {
    const file = exportStatsFile(await db.statsOutbox.toArray());
    download(`qorgau-statistics-${localDay(new Date())}.json`, statsFileText(file));
    const exported = { at: Date.now(), file };
    await db.settings.put({ key: LAST_EXPORT, value: exported });
    this.lastExport = exported;
    return file;
  }

  /** The administrator confirms the last file reached the collector: exactly its batches are sent. */
  async confirmDelivered(): Promise<void> {
    const exported = this.lastExport;
    if (!exported) return;
    await db.transaction('rw', db.statsOutbox, db.settings, async () => {
      const records: OutboxRecord[] = await db.statsOutbox.toArray();
      await db.statsOutbox.bulkPut(markDeliveredByFile(records, exported.file, Date.now()));
      await db.settings.delete(LAST_EXPORT);
    });
    this.lastExport = undefined;
    await this.refresh();
  }
}

export const statistics = new Statistics();

/** A moment as the page shows it, YYYY-MM-DD HH:MM in the PC's time: the same in every language, like the days of the counts. */
export function moment(ms: number): string {
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a value to format, never changed
  const date = new Date(ms);
  return `${localDay(date)} ${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
}
