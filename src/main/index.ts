import { app, BrowserWindow, dialog, ipcMain, Menu, net, safeStorage, session, shell, type IpcMainInvokeEvent } from 'electron';
import { randomUUID } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { webAddress } from '../core/links';
import { PackError } from '../core/base/problems';
import { CHANNELS, type ChannelHandlers, type ChannelName } from '../core/ipc';
import type { BuiltinPackInfo, PickedFolder, SavePdfResult } from '../core/platform';
import { collectorAddress, postBatch, probeCollector, schoolToken } from '../core/stats/http';
import { batchSchema } from '../core/stats/schema';
import { secretsKeeper } from '../core/classroom/keeper';
import { listPackFolder, readPackFolderFile } from '../node/pack-folder';
import { secretsFile } from '../node/secrets-file';
import { MINIMAL_MENU, shellPolicy } from './shell';

const here = dirname(fileURLToPath(import.meta.url));
const policy = shellPolicy(app.isPackaged, process.env, process.platform);
const rendererUrl = policy.rendererUrl;
const rendererFile = join(here, '../renderer/index.html');
const packDir = join(here, '../pack');
const appOrigin = rendererUrl ? new URL(rendererUrl).origin : 'file://';

// End-to-end tests and lab images can keep each profile in a folder of their own.
if (process.env['QORGAU_USER_DATA']) app.setPath('userData', process.env['QORGAU_USER_DATA']);

let mainWindow: BrowserWindow | undefined;

/**
 * The teacher's secrets, kept here and not in the page (core/classroom/keeper.ts):
 * encrypted with the OS's protection in the user-data folder, waits measured
 * on this process's monotonic clock, which the page cannot set.
 */
const keeper = secretsKeeper(
  secretsFile(join(app.getPath('userData'), 'teacher.json'), {
    available: () => safeStorage.isEncryptionAvailable(),
    encrypt: (text) => safeStorage.encryptString(text),
    decrypt: (bytes) => safeStorage.decryptString(Buffer.from(bytes)),
  }),
  performance,
);
/** A results file or backup is at most a few megabytes of text (core/classroom/results.ts limits files to less). */
const RESULTS_TEXT_LIMIT = 64 * 1024 * 1024;
const text = (value: unknown, max = 100): string => {
  if (typeof value !== 'string' || value.length > max) throw new Error('Refused: bad arguments.');
  return value;
};
const pickedFolders = new Map<string, { root: string; files: Set<string> }>();

/** Only our own page in our own window may call the main process. */
function checkSender(event: IpcMainInvokeEvent): void {
  const frame = event.senderFrame;
  const url = frame?.url ?? '';
  const ours = rendererUrl ? url.startsWith(appOrigin + '/') : url.startsWith(pathToFileURL(rendererFile).href);
  if (!mainWindow || event.sender !== mainWindow.webContents || !ours || frame !== event.sender.mainFrame) {
    throw new Error('Refused: the request did not come from the Qorgau window.');
  }
}

/** Main's side of the contract in core/ipc.ts: every channel, its arguments checked here, its result as PlatformApi promises. */
const handlers: ChannelHandlers = {
  builtinPackInfo: async () => {
    const info = JSON.parse(await readFile(join(packDir, 'builtin.json'), 'utf8')) as Partial<BuiltinPackInfo>;
    if (typeof info.id !== 'string' || typeof info.version !== 'string') throw new Error('The built-in pack description is damaged.');
    return { id: info.id, version: info.version };
  },
  readBuiltinPack: async () => new Uint8Array(await readFile(join(packDir, 'builtin.qpack'))),
  pickPackFolder: async (): Promise<PickedFolder | null> => {
    // A pupils' station imports nothing, whatever the page asks.
    if (!mainWindow || (await keeper.status()).station) return null;
    const picked = await dialog.showOpenDialog(mainWindow, { properties: ['openDirectory'] });
    const root = picked.filePaths[0];
    if (picked.canceled || !root) return null;
    const token = randomUUID();
    try {
      const files = await listPackFolder(root);
      pickedFolders.set(token, { root, files: new Set(files.map((f) => f.path)) });
      return { token, name: basename(root), files };
    } catch (e) {
      if (e instanceof PackError) return { token, name: basename(root), files: [], problems: e.problems };
      throw e;
    }
  },
  readFolderFile: async (token, path) => {
    if (typeof token !== 'string' || typeof path !== 'string') throw new Error('Refused: bad arguments.');
    const folder = pickedFolders.get(token);
    if (!folder || !folder.files.has(path)) throw new Error('Refused: not a file of the picked folder.');
    return readPackFolderFile(folder.root, path);
  },
  openExternal: async (url) => {
    const address = webAddress(url);
    if (!address) throw new Error('Refused: only web links open outside.');
    await shell.openExternal(address);
  },
  print: () => printPage(),
  savePdf: (name) => savePdf(name),
  // Statistics leave from here, never from the page: only an address the settings page accepts, only a valid batch.
  sendStats: async (url, token, batch) => {
    const address = typeof url === 'string' ? collectorAddress(url) : undefined;
    const key = typeof token === 'string' ? schoolToken(token) : undefined;
    const parsed = batchSchema.safeParse(batch);
    if (!address || 'problem' in address || address.url !== url || !key || 'problem' in key || !parsed.success) {
      throw new Error('Refused: not a statistics batch for a valid collector.');
    }
    return postBatch((input, init) => net.fetch(input, init), address.url, key.token, parsed.data);
  },
  probeCollector: async (url) => {
    const address = typeof url === 'string' ? collectorAddress(url) : undefined;
    if (!address || 'problem' in address) throw new Error('Refused: not a collector address.');
    return probeCollector((input, init) => net.fetch(input, init), address.url);
  },
  teacherStatus: () => keeper.status(),
  teacherSetUp: (pin, adminCode) => keeper.setUp(text(pin), adminCode === undefined ? undefined : text(adminCode)),
  teacherUnlock: (pin) => keeper.unlock(text(pin)),
  teacherReset: (adminCode, newPin) => keeper.reset(text(adminCode), text(newPin)),
  teacherCheckAdministrator: (adminCode) => keeper.checkAdministrator(text(adminCode)),
  teacherStartStation: () => keeper.startStation(),
  teacherAdopt: (secrets) => keeper.adopt(secrets),
  schoolSeal: (content) => keeper.seal(text(content, RESULTS_TEXT_LIMIT)),
  schoolCheckSeal: (content, seal) => keeper.checkSeal(text(content, RESULTS_TEXT_LIMIT), text(seal)),
};

function registerIpc(): void {
  for (const name of Object.keys(CHANNELS) as ChannelName[]) {
    const fn = handlers[name] as (...args: unknown[]) => Promise<unknown>;
    ipcMain.handle(CHANNELS[name], (event, ...args: unknown[]) => {
      checkSender(event);
      return fn(...args);
    });
  }
}

/** A file name the save dialog may suggest: one name ending in .pdf, nothing that reaches into folders. */
const PDF_NAME = /^[^\\/:*?"<>|]{1,150}\.pdf$/u;
const hasControl = (name: string) => [...name].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);

async function savePdf(suggestedName: unknown): Promise<SavePdfResult> {
  if (typeof suggestedName !== 'string' || !PDF_NAME.test(suggestedName) || hasControl(suggestedName) || suggestedName.startsWith('.')) {
    throw new Error('Refused: bad file name.');
  }
  const window = mainWindow;
  if (!window) return { status: 'cancelled' };
  const picked = await dialog.showSaveDialog(window, {
    defaultPath: join(app.getPath('documents'), suggestedName),
    filters: [{ name: 'PDF', extensions: ['pdf'] }],
  });
  if (picked.canceled || !picked.filePath) return { status: 'cancelled' };
  // The page's own @page rules set the paper size and margins.
  const data = await window.webContents.printToPDF({ preferCSSPageSize: true, printBackground: true });
  // Written beside the target, then renamed: a full disk never leaves half a PDF under the real name.
  const temp = `${picked.filePath}.${randomUUID()}.part`;
  try {
    await writeFile(temp, data);
    await rename(temp, picked.filePath);
  } catch (e) {
    await rm(temp, { force: true });
    throw e;
  }
  return { status: 'saved', path: picked.filePath };
}

function printPage(): Promise<void> {
  const window = mainWindow;
  if (!window) return Promise.resolve();
  return new Promise((resolve, reject) => {
    window.webContents.print({ printBackground: true }, (success, reason) => {
      if (success || reason === 'cancelled') resolve();
      else reject(new Error(reason));
    });
  });
}

function harden(): void {
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!(rendererUrl && url.startsWith(appOrigin + '/'))) event.preventDefault();
    });
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}

function createWindow(): void {
  mainWindow = new BrowserWindow({
    width: 1366,
    height: 768,
    minWidth: 800,
    minHeight: 560,
    show: false,
    backgroundColor: '#fdfcf8',
    autoHideMenuBar: true,
    webPreferences: {
      preload: join(here, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
      devTools: policy.devTools,
    },
  });
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  mainWindow.on('closed', () => {
    mainWindow = undefined;
  });
  if (rendererUrl) void mainWindow.loadURL(rendererUrl);
  else void mainWindow.loadFile(rendererFile);
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore();
    mainWindow?.focus();
  });
  void app.whenReady().then(() => {
    if (policy.menu !== 'default') Menu.setApplicationMenu(policy.menu === 'minimal' ? Menu.buildFromTemplate(MINIMAL_MENU) : null);
    harden();
    registerIpc();
    createWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createWindow();
    });
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}

