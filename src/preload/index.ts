import { contextBridge, ipcRenderer } from 'electron';
import { CHANNELS, type ChannelArgs, type ChannelName, type ChannelResult } from '../core/ipc';
import type { PlatformApi } from '../core/platform';

// Refuse to run without context isolation rather than leak Node into the page.
if (!process.contextIsolated) {
  throw new Error('Qorgau needs context isolation.');
}

/** One typed call per channel of the contract in core/ipc.ts. */
const invoke =
  <K extends ChannelName>(name: K) =>
  (...args: ChannelArgs<K>): ChannelResult<K> =>
    ipcRenderer.invoke(CHANNELS[name], ...args) as ChannelResult<K>;

const api = {
  shell: 'electron',
  builtinPackInfo: invoke('builtinPackInfo'),
  readBuiltinPack: invoke('readBuiltinPack'),
  pickPackFolder: invoke('pickPackFolder'),
  readFolderFile: invoke('readFolderFile'),
  openExternal: invoke('openExternal'),
  print: invoke('print'),
  savePdf: invoke('savePdf'),
  sendStats: invoke('sendStats'),
  probeCollector: invoke('probeCollector'),
  teacherStatus: invoke('teacherStatus'),
  teacherSetUp: invoke('teacherSetUp'),
  teacherUnlock: invoke('teacherUnlock'),
  teacherReset: invoke('teacherReset'),
  teacherCheckAdministrator: invoke('teacherCheckAdministrator'),
  teacherStartStation: invoke('teacherStartStation'),
  teacherAdopt: invoke('teacherAdopt'),
  schoolSeal: invoke('schoolSeal'),
  schoolCheckSeal: invoke('schoolCheckSeal'),
} satisfies PlatformApi;

contextBridge.exposeInMainWorld('qorgau', api);
