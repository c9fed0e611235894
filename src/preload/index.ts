import { contextBridge, ipcRenderer } from 'electron';
import type { PlatformApi } from '../core/platform';
import type { StatsBatch } from '../core/stats/schema';
import { CHANNELS } from '../main/channels';

// Refuse to run without context isolation rather than leak Node into the page.
if (!process.contextIsolated) {
  throw new Error('Qorgau needs context isolation.');
}

const api = {
  shell: 'electron',
  builtinPackInfo: () => ipcRenderer.invoke(CHANNELS.builtinPackInfo),
  readBuiltinPack: () => ipcRenderer.invoke(CHANNELS.readBuiltinPack),
  pickPackFolder: () => ipcRenderer.invoke(CHANNELS.pickPackFolder),
  readFolderFile: (token: string, path: string) => ipcRenderer.invoke(CHANNELS.readFolderFile, token, path),
  openExternal: (url: string) => ipcRenderer.invoke(CHANNELS.openExternal, url),
  print: () => ipcRenderer.invoke(CHANNELS.print),
  savePdf: (suggestedName: string) => ipcRenderer.invoke(CHANNELS.savePdf, suggestedName),
  sendStats: (collectorUrl: string, token: string, batch: StatsBatch) => ipcRenderer.invoke(CHANNELS.sendStats, collectorUrl, token, batch),
  probeCollector: (collectorUrl: string) => ipcRenderer.invoke(CHANNELS.probeCollector, collectorUrl),
} satisfies PlatformApi;

contextBridge.exposeInMainWorld('qorgau', api);
