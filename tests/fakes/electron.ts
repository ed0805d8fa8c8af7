/**
 * One small fake of the Electron APIs the shell uses, for unit tests under Node. It records what the shell asked
 * for and lets a test fire the events Electron would; it implements only what src-main uses, nothing more.
 */
import { EventEmitter } from 'node:events';

/** Electron's Event: `preventDefault()` remembered so a test can assert it. */
export class FakeEvent {
  defaultPrevented = false;
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

let nextWebContentsId = 1;

export class FakeSession {
  permissionRequestHandler?: (
    wc: unknown,
    permission: string,
    callback: (granted: boolean) => void,
    details: unknown,
  ) => void;
  permissionCheckHandler?: (wc: unknown, permission: string) => boolean;
  headersListener?: (
    details: { url: string; responseHeaders?: Record<string, string[]> },
    callback: (response: { responseHeaders?: Record<string, string[]> }) => void,
  ) => void;
  readonly webRequest = {
    onHeadersReceived: (listener: FakeSession['headersListener']) => {
      this.headersListener = listener;
    },
  };
  setPermissionRequestHandler(handler: FakeSession['permissionRequestHandler']): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: FakeSession['permissionCheckHandler']): void {
    this.permissionCheckHandler = handler;
  }
}

export class FakeWebContents extends EventEmitter {
  readonly id = nextWebContentsId++;
  readonly sent: { channel: string; payload: unknown }[] = [];
  windowOpenHandler?: (details: { url: string }) => { action: 'allow' | 'deny' };
  url = '';
  constructor(readonly session: FakeSession) {
    super();
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'allow' | 'deny' }): void {
    this.windowOpenHandler = handler;
  }
  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload });
  }
  getURL(): string {
    return this.url;
  }
  isDestroyed(): boolean {
    return false;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static readonly instances: FakeBrowserWindow[] = [];
  readonly webContents: FakeWebContents;
  visible: boolean;
  focused = false;
  minimized = false;
  destroyed = false;
  loaded?: { kind: 'url' | 'file'; target: string };

  constructor(readonly options: { show?: boolean; webPreferences?: Record<string, unknown> } = {}) {
    super();
    this.visible = options.show ?? true;
    this.webContents = new FakeWebContents(fakeSession);
    FakeBrowserWindow.instances.push(this);
  }
  async loadURL(url: string): Promise<void> {
    this.loaded = { kind: 'url', target: url };
    this.webContents.url = url;
  }
  async loadFile(path: string): Promise<void> {
    this.loaded = { kind: 'file', target: path };
    this.webContents.url = `file://${path}`;
  }
  show(): void {
    this.visible = true;
    this.emit('show');
  }
  hide(): void {
    this.visible = false;
    this.emit('hide');
  }
  focus(): void {
    this.focused = true;
  }
  isVisible(): boolean {
    return this.visible;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  restore(): void {
    this.minimized = false;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** What the user's close button does: asks, and closes only if nobody prevented it. */
  close(): FakeEvent {
    const event = new FakeEvent();
    this.emit('close', event);
    if (!event.defaultPrevented) {
      this.destroyed = true;
      this.visible = false;
      this.emit('closed');
    }
    return event;
  }
  destroy(): void {
    this.destroyed = true;
    this.emit('closed');
  }
}

export class FakeApp extends EventEmitter {
  hasLock = true;
  quitCalls = 0;
  /** True once a quit went through (nobody prevented before-quit). */
  exited = false;
  appUserModelId?: string;
  readonly protocolClients: { scheme: string; path?: string; args?: string[] }[] = [];
  loginItemSettings: { openAtLogin?: boolean; openAsHidden?: boolean; args?: string[] } = {};
  isPackaged = false;
  requestSingleInstanceLock(): boolean {
    return this.hasLock;
  }
  quit(): void {
    this.quitCalls += 1;
    const event = new FakeEvent();
    this.emit('before-quit', event);
    if (!event.defaultPrevented) this.exited = true;
  }
  exit(): void {
    this.quitCalls += 1;
  }
  setAppUserModelId(id: string): void {
    this.appUserModelId = id;
  }
  setAsDefaultProtocolClient(scheme: string, path?: string, args?: string[]): boolean {
    this.protocolClients.push({ scheme, ...(path ? { path } : {}), ...(args ? { args } : {}) });
    return true;
  }
  setLoginItemSettings(settings: FakeApp['loginItemSettings']): void {
    this.loginItemSettings = { ...settings };
  }
  getLoginItemSettings(): FakeApp['loginItemSettings'] {
    return { ...this.loginItemSettings };
  }
  getLocale(): string {
    return 'fr-FR';
  }
}

export class FakeNotification extends EventEmitter {
  static readonly shown: FakeNotification[] = [];
  static supported = true;
  static isSupported(): boolean {
    return FakeNotification.supported;
  }
  constructor(readonly options: { title: string; body: string; silent?: boolean; toastXml?: string }) {
    super();
  }
  show(): void {
    FakeNotification.shown.push(this);
    this.emit('show');
  }
  /** What the system does when the person clicks the notification. */
  click(): void {
    this.emit('click', new FakeEvent());
  }
}

export class FakeShell {
  readonly opened: string[] = [];
  async openExternal(url: string): Promise<void> {
    this.opened.push(url);
  }
}

export class FakePowerMonitor extends EventEmitter {}

export class FakeIpcMain {
  readonly handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  handle(channel: string, handler: (event: unknown, ...args: unknown[]) => unknown): void {
    if (this.handlers.has(channel))
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  /** What Electron does for `ipcRenderer.invoke` from a page: calls the handler with the sender's event. */
  async invoke(
    channel: string,
    sender: { id: number; url: string; isMainFrame?: boolean },
    ...args: unknown[]
  ) {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    const frame = { url: sender.url, parent: sender.isMainFrame === false ? {} : null };
    return handler({ sender: { id: sender.id }, senderFrame: frame }, ...args);
  }
}

export class FakeTray extends EventEmitter {
  static readonly instances: FakeTray[] = [];
  image: unknown;
  tooltip = '';
  menu: unknown;
  constructor(image: unknown) {
    super();
    this.image = image;
    FakeTray.instances.push(this);
  }
  setImage(image: unknown): void {
    this.image = image;
  }
  setToolTip(text: string): void {
    this.tooltip = text;
  }
  setContextMenu(menu: unknown): void {
    this.menu = menu;
  }
  destroyed = false;
  destroy(): void {
    this.destroyed = true;
  }
  /** Clicks the menu item with this label, as the person would. */
  clickMenuItem(label: string): void {
    const items = (this.menu as { items: { label?: string; click?: () => void }[] }).items;
    const item = items.find((i) => i.label === label);
    if (!item?.click) throw new Error(`No menu item "${label}"`);
    item.click();
  }
}

export const FakeMenu = {
  buildFromTemplate: (template: unknown[]) => ({ items: template }),
};

export const fakeNativeImage = {
  createFromPath: (path: string) => ({ path }),
};

export class FakeSafeStorage {
  constructor(
    private available = true,
    private backend: string = 'gnome_libsecret',
  ) {}
  isEncryptionAvailable(): boolean {
    return this.available;
  }
  getSelectedStorageBackend(): string {
    return this.backend;
  }
  encryptString(plain: string): Buffer {
    return Buffer.from(`enc:${plain}`);
  }
  decryptString(data: Buffer): string {
    const text = data.toString();
    if (!text.startsWith('enc:'))
      throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    return text.slice(4);
  }
}

const fakeSession = new FakeSession();

/** A fresh set of fakes for one test. */
export function fakeElectron() {
  FakeBrowserWindow.instances.length = 0;
  FakeNotification.shown.length = 0;
  FakeNotification.supported = true;
  FakeTray.instances.length = 0;
  return {
    app: new FakeApp(),
    BrowserWindow: FakeBrowserWindow,
    Notification: FakeNotification,
    shell: new FakeShell(),
    powerMonitor: new FakePowerMonitor(),
    ipcMain: new FakeIpcMain(),
    Tray: FakeTray,
    Menu: FakeMenu,
    nativeImage: fakeNativeImage,
    safeStorage: new FakeSafeStorage(),
    session: new FakeSession(),
  };
}

/** The fakes stand in for Electron's classes in the shell's dependency objects; the cast is the fake's promise. */
export function asElectron<T>(fake: unknown): T {
  return fake as T;
}
