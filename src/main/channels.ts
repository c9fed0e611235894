/** IPC channel names shared by main and preload. */
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
} as const;
