import { platform } from '#platform';
import { loadPack, type LoadedPack, type PackFiles } from '../../../../core/pack/load';
import type { Problem } from '../../../../core/base/problems';
import { folderFiles, qpackFiles } from '../../../../core/pack/sources';
import { blobSource } from '../../../../core/pack/zip';
import { describeFailure } from '../../../app/importer.svelte';

export type PreviewOutcome = { kind: 'loaded'; pack: LoadedPack } | { kind: 'problems'; problems: Problem[] } | { kind: 'failed'; detail: string };

/**
 * An author's pack, read and checked exactly as an import would, but kept in
 * memory only: the library and pupils' records are never touched.
 */
class AuthorPack {
  name = $state('');
  busy = $state(false);
  outcome = $state.raw<PreviewOutcome | null>(null);

  async openFile(file: File): Promise<void> {
    await this.run(file.name, () => qpackFiles(blobSource(file), file.name));
  }

  async openFolder(): Promise<void> {
    const folder = await platform.pickPackFolder();
    if (!folder) return;
    if (folder.problems?.length) {
      this.name = folder.name;
      this.outcome = { kind: 'problems', problems: folder.problems };
      return;
    }
    await this.run(folder.name, async () => folderFiles(folder, (token, path) => platform.readFolderFile(token, path)));
  }

  private async run(name: string, open: () => Promise<PackFiles>): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.name = name;
    this.outcome = null;
    try {
      this.outcome = { kind: 'loaded', pack: await loadPack(await open()) };
    } catch (e) {
      const failure = describeFailure(e);
      this.outcome = failure.kind === 'problems' ? failure : { kind: 'failed', detail: failure.kind === 'unexpected' ? failure.detail : failure.kind };
    } finally {
      this.busy = false;
    }
  }
}

export const authorPack = new AuthorPack();
