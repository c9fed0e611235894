import { version as appVersion } from '../../../package.json';
import type { Lang } from '../../core/base/languages';
import { localDay, type UsageEvent } from '../../core/stats/events';
import { exportStatsFile, statsFileText } from '../../core/stats/file';
import { isLoopback, transportOf } from '../../core/stats/http';
import type { StatsFile } from '../../core/stats/schema';
import { describeNextSend, StatsSync, type NextSendSummary } from '../../core/stats/sync';
import { platform } from '#platform';
import { packs, statistics as stored } from './data';
import { locale } from '../lib/i18n.svelte';
import { download } from '../lib/download';
import { STATS_OFF as OFF, type StatsExport, type StatsSettings } from '../data/statistics';

/**
 * Usage statistics in the running app (docs/usage-statistics.md): off until a
 * school administrator switches them on. While on, the screens record events
 * here; at start and at midnight the finished days become batches; the sync
 * sends them when the collector can be reached, from the desktop app's main
 * process. Nothing here may ever break a lesson: a failure to record is
 * dropped, a failure to send waits for the next try.
 */

export type { StatsSettings };

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
      this.settings = await stored.settings();
      this.lastExport = (await stored.lastExport()) ?? undefined;
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
      await stored.record({ ...event, packVersion, day: localDay(new Date()) } as UsageEvent);
    } catch {
      // A full disk or a closed database: statistics are never worth interrupting a class for.
    }
  }

  private async packVersion(packId: string): Promise<string | undefined> {
    const cached = this.versions.get(packId);
    if (cached) return cached;
    const row = await packs.pack(packId);
    if (row) this.versions.set(packId, row.version);
    return row?.version;
  }

  /** A collector address that came with a ministry's pack (`statistics.collector` in pack.yaml), newest import first. */
  async suggestedCollector(): Promise<{ url: string; packId: string; title: Partial<Record<Lang, string>> } | undefined> {
    const pack = (await packs.packs()).sort((a, b) => b.importedAt - a.importedAt).find((p) => p.meta.statistics?.collector);
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
      const made = await stored.closeDays(localDay(new Date()), await this.meta(), Date.now());
      if (made.length) this.kick();
    } catch {
      // Tried again at midnight and at the next start: the events stay until then.
    }
  }

  private async meta(): Promise<{ install: string; appVersion: string; uiLanguage: Lang }> {
    return { install: await stored.installId(), appVersion, uiLanguage: locale.lang };
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
      store: stored.outboxStore(),
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
    await stored.saveSettings(settings);
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
    await stored.clear();
    await this.refresh();
  }

  async refresh(): Promise<void> {
    const { records, held, waiting } = await stored.state();
    this.summary = describeNextSend(records, held);
    this.todayEvents = waiting;
  }

  async retry(key: string): Promise<void> {
    if (!(await stored.retry(key))) return;
    this.kick();
    await this.refresh();
  }

  /** The last file exported and not yet confirmed delivered: kept, so the confirmation can come days later. */
  lastExport = $state.raw<StatsExport | undefined>(undefined);

  /** "Export statistics to a file": every batch not yet acknowledged. Marks nothing sent. */
  async exportFile(): Promise<StatsFile> {
    const file = exportStatsFile(await stored.outbox());
    download(`qorgau-statistics-${localDay(new Date())}.json`, statsFileText(file));
    const exported = { at: Date.now(), file };
    await stored.saveLastExport(exported);
    this.lastExport = exported;
    return file;
  }

  /** The administrator confirms the last file reached the collector: exactly its batches are sent. */
  async confirmDelivered(): Promise<void> {
    const exported = this.lastExport;
    if (!exported) return;
    await stored.markDelivered(exported.file);
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
