import { importPack, shouldImportBuiltin, type ImportResult } from '../../core/pack/import';
import type { PackFiles } from '../../core/pack/load';
import { PackError, type Problem } from '../../core/base/problems';
import type { PackMeta } from '../../core/pack/schema';
import { folderFiles, qpackFiles } from '../../core/pack/sources';
import { blobSource, bytesSource } from '../../core/pack/zip';
import { platform } from '#platform';
import { packStore } from './data';
import { library } from './library.svelte';

export type ImportOutcome =
  | { kind: 'imported'; result: Extract<ImportResult, { status: 'imported' }> }
  | { kind: 'cancelled'; result: Extract<ImportResult, { status: 'cancelled' }> }
  | { kind: 'problems'; problems: Problem[] }
  | { kind: 'storageFull' }
  | { kind: 'unexpected'; detail: string };

export interface OlderQuestion {
  installed: string;
  incoming: PackMeta;
  answer: (replace: boolean) => void;
}

/** One import at a time, as the user follows it: progress, a question, then an outcome. */
class Importer {
  busy = $state(false);
  name = $state('');
  done = $state(0);
  total = $state(0);
  outcome = $state<ImportOutcome | null>(null);
  older = $state<OlderQuestion | null>(null);

  async importFile(file: File): Promise<void> {
    await this.run(file.name, () => qpackFiles(blobSource(file), file.name));
  }

  async importFolder(): Promise<void> {
    const folder = await platform.pickPackFolder();
    if (!folder) return;
    if (folder.problems?.length) {
      this.name = folder.name;
      this.outcome = { kind: 'problems', problems: folder.problems };
      return;
    }
    await this.run(folder.name, async () => folderFiles(folder, (token, path) => platform.readFolderFile(token, path)));
  }

  dismiss(): void {
    this.outcome = null;
  }

  private async run(name: string, open: () => Promise<PackFiles>): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.name = name;
    this.outcome = null;
    this.done = 0;
    this.total = 1;
    try {
      const files = await open();
      const result = await importPack(files, packStore, {
        onProgress: (done, total) => {
          this.done = done;
          this.total = total;
        },
        confirmOlder: (installed, incoming) =>
          new Promise<boolean>((resolve) => {
            this.older = {
              installed,
              incoming,
              answer: (replace) => {
                this.older = null;
                resolve(replace);
              },
            };
          }),
      });
      this.outcome = result.status === 'imported' ? { kind: 'imported', result } : { kind: 'cancelled', result };
      await library.refresh();
    } catch (e) {
      this.outcome = describeFailure(e);
    } finally {
      this.busy = false;
    }
  }
}

export function describeFailure(e: unknown): ImportOutcome {
  if (e instanceof PackError) return { kind: 'problems', problems: e.problems };
  const names = [(e as { name?: string })?.name, (e as { inner?: { name?: string } })?.inner?.name];
  if (names.includes('QuotaExceededError')) return { kind: 'storageFull' };
  return { kind: 'unexpected', detail: e instanceof Error ? e.message : String(e) };
}

export const importer = new Importer();

/** First run, and app updates that ship a newer built-in pack. */
class BuiltinPack {
  active = $state(false);
  done = $state(0);
  total = $state(1);
  failure = $state<ImportOutcome | null>(null);

  async ensure(): Promise<void> {
    try {
      const info = await platform.builtinPackInfo();
      if (!shouldImportBuiltin(info, await packStore.installedVersion(info.id))) return;
      this.active = true;
      const bytes = await platform.readBuiltinPack();
      await importPack(await qpackFiles(bytesSource(bytes), `${info.id}.qpack`), packStore, {
        builtin: true,
        onProgress: (done, total) => {
          this.done = done;
          this.total = total;
        },
      });
      this.active = false;
    } catch (e) {
      this.failure = describeFailure(e);
    }
  }
}

export const builtinPack = new BuiltinPack();
