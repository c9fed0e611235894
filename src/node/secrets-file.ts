import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { keptSecretsSchema, type KeptSecrets, type SecretsStore } from '../core/classroom/keeper';

/**
 * The operating system's protection for data at rest, as Electron's
 * safeStorage offers it (DPAPI on Windows, the keychain on macOS, the secret
 * service on Linux). Behind this interface so the store is tested without
 * Electron.
 */
export interface Encryption {
  available(): boolean;
  encrypt(text: string): Uint8Array;
  decrypt(bytes: Uint8Array): string;
}

const FORMAT = 'qorgau-teacher';

/**
 * The teacher's record in a file of the main process (the user-data folder):
 * encrypted where the OS offers it, written to a temporary file and renamed so
 * a power cut leaves the old record or the new one, never half of one. A file
 * that is there but cannot be read is damaged, never a fresh start: otherwise
 * deleting a byte would let anyone set a new PIN.
 */
export function secretsFile(path: string, encryption: Encryption): SecretsStore {
  return {
    async read(): Promise<KeptSecrets | null> {
      let raw: string;
      try {
        raw = await readFile(path, 'utf8');
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw e;
      }
      const damaged = () => new Error(`The teacher’s record (${path}) is damaged.`);
      let outer: { format?: unknown; encrypted?: unknown; data?: unknown };
      try {
        outer = JSON.parse(raw) as typeof outer;
      } catch {
        throw damaged();
      }
      if (outer.format !== FORMAT || typeof outer.data !== 'string') throw damaged();
      let inner: unknown;
      try {
        const text = outer.encrypted === true ? encryption.decrypt(Buffer.from(outer.data, 'base64')) : outer.data;
        inner = JSON.parse(text);
      } catch {
        throw damaged();
      }
      const parsed = keptSecretsSchema.safeParse(inner);
      if (!parsed.success) throw damaged();
      return parsed.data;
    },
    async write(secrets: KeptSecrets): Promise<void> {
      const text = JSON.stringify(keptSecretsSchema.parse(secrets));
      const encrypted = encryption.available();
      const data = encrypted ? Buffer.from(encryption.encrypt(text)).toString('base64') : text;
      await mkdir(dirname(path), { recursive: true });
      const temporary = `${path}.${process.pid}.tmp`;
      await writeFile(temporary, JSON.stringify({ format: FORMAT, encrypted, data }), { mode: 0o600 });
      await rename(temporary, path);
    },
  };
}
