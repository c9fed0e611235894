import type { PlatformApi } from './platform';

/**
 * The IPC contract between the desktop app's main process and its preload,
 * derived from PlatformApi so that both sides keep the same one: the preload
 * calls `invoke(name, …args)` with the types the renderer sees, and main's
 * handlers must return what PlatformApi promises. Arguments reach main as
 * `unknown`, since a page can send anything: each handler validates them.
 */
export type ChannelName = Exclude<keyof PlatformApi, 'shell'>;

export const CHANNELS = {
  builtinPackInfo: 'qorgau:builtin-pack-info',
  readBuiltinPack: 'qorgau:read-builtin-pack',
  pickPackFolder: 'qorgau:pick-pack-folder',
  readFolderFile: 'qorgau:read-folder-file',
  openExternal: 'qorgau:open-external',
  print: 'qorgau:print',
  savePdf: 'qorgau:save-pdf',
  sendStats: 'qorgau:send-stats',
  probeCollector: 'qorgau:probe-collector',
  teacherStatus: 'qorgau:teacher-status',
  teacherSetUp: 'qorgau:teacher-set-up',
  teacherUnlock: 'qorgau:teacher-unlock',
  teacherReset: 'qorgau:teacher-reset',
  teacherCheckAdministrator: 'qorgau:teacher-check-administrator',
  teacherStartStation: 'qorgau:teacher-start-station',
  teacherAdopt: 'qorgau:teacher-adopt',
  schoolSeal: 'qorgau:school-seal',
  schoolCheckSeal: 'qorgau:school-check-seal',
} as const satisfies Record<ChannelName, `qorgau:${string}`>;

type Method<K extends ChannelName> = PlatformApi[K] extends (...args: infer A) => infer R ? { args: A; result: R } : never;

/** What the preload passes on for channel K: exactly the arguments the renderer gave. */
export type ChannelArgs<K extends ChannelName> = Method<K>['args'];
/** What main must answer on channel K. */
export type ChannelResult<K extends ChannelName> = Method<K>['result'];
/** Main's side of channel K: as many arguments, each still to be checked, and the promised result. */
export type ChannelHandler<K extends ChannelName> = (...args: Unchecked<ChannelArgs<K>>) => ChannelResult<K>;
type Unchecked<T> = T extends readonly unknown[] ? { [I in keyof T]: unknown } : never;
/** Every channel has a handler in main; the compiler refuses a missing one or a wrong result. */
export type ChannelHandlers = { [K in ChannelName]: ChannelHandler<K> };
