// The test bridge: stands in for Electron's IPC transport between a Chromium page and the real handler table.
import type { Page } from 'playwright-core';
import { EVENT_CHANNELS, INVOKE_CHANNELS, eventWireName, invokeWireName } from '../../shared/ipc-contract';
import type { EventChannel, EventPayloads } from '../../shared/ipc-contract';
import type { IpcRouter } from '../../src-main/ipc/ipc-router';
import { registerIpc } from '../../src-main/ipc/register-ipc';

/** The page-side names of the bridge; nothing in the app uses them. */
const INVOKE_BINDING = '__ambislotTestInvoke';
const DELIVER_FUNCTION = '__ambislotTestDeliver';

/** What Electron's event would carry for a call from the window: its webContents id and its top frame. */
export const BRIDGE_WEB_CONTENTS_ID = 1;

type WireHandler = (event: unknown, payload: unknown) => Promise<unknown>;

export interface WindowBridge {
  /** Sends an event to the page, as `webContents.send(eventWireName(channel), payload)` would. */
  emit<E extends EventChannel>(channel: E, payload: EventPayloads[E]): Promise<void>;
  /** Every invoke the page made, by channel name, in order. */
  calls: { channel: string; payload: unknown }[];
}

/**
 * Installs `window.ambislot` in `page` exactly as the preload builds it, from the contract's own channel lists
 * (so a channel added to the contract appears here without a change), and routes each call through the shell's
 * real `registerIpc` and router: sender check, payload validation, handlers. Only the transport is ours.
 */
export async function installWindowBridge(page: Page, router: IpcRouter): Promise<WindowBridge> {
  const handlers = new Map<string, WireHandler>();
  registerIpc({ handle: (wire, handler) => void handlers.set(wire, handler as WireHandler) }, router);
  const channelOfWire = new Map(INVOKE_CHANNELS.map((channel) => [invokeWireName(channel), channel]));
  const calls: WindowBridge['calls'] = [];

  await page.exposeBinding(INVOKE_BINDING, async (source, wire: string, payload: unknown) => {
    const handler = handlers.get(wire);
    if (!handler)
      return { ok: false, error: { code: 'unknown-channel', message: `No handler for ${wire}.` } };
    calls.push({ channel: channelOfWire.get(wire) ?? wire, payload });
    // Electron's IpcMainInvokeEvent, as far as registerIpc reads it.
    const event = {
      sender: { id: BRIDGE_WEB_CONTENTS_ID },
      senderFrame: { url: source.frame.url(), parent: source.frame.parentFrame() },
    };
    return handler(event, payload);
  });

  await page.addInitScript(
    ({ invoke, events, binding, deliver }) => {
      const listeners = new Map<string, Set<(payload: unknown) => void>>();
      const host = window as unknown as Record<string, unknown>;
      // Looked up at each call: the binding is installed by Playwright's own init script.
      const send = (wire: string, payload: unknown) =>
        (host[binding] as (wire: string, payload: unknown) => Promise<unknown>)(wire, payload);
      // The preload's `call`: unwrap the envelope, a failure becomes an Error named after its code.
      const call = async (wire: string, request: unknown) => {
        const result = (await send(wire, request)) as
          { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };
        if (result.ok) return result.value;
        const error = new Error(result.error.message);
        error.name = result.error.code;
        throw error;
      };
      const api: Record<string, unknown> = {};
      for (const [channel, wire] of invoke) api[channel] = (request?: unknown) => call(wire, request);
      for (const [channel, wire] of events) {
        api[`on${channel[0]!.toUpperCase()}${channel.slice(1)}`] = (listener: (payload: unknown) => void) => {
          let set = listeners.get(wire);
          if (!set) listeners.set(wire, (set = new Set()));
          set.add(listener);
          return () => void set.delete(listener);
        };
      }
      Object.defineProperty(window, deliver, {
        value: (wire: string, payload: unknown) =>
          listeners.get(wire)?.forEach((listener) => listener(payload)),
      });
      // contextBridge hands the page a frozen copy; so does this.
      Object.defineProperty(window, 'ambislot', { value: Object.freeze(api), enumerable: true });
    },
    {
      invoke: INVOKE_CHANNELS.map((channel) => [channel, invokeWireName(channel)] as [string, string]),
      events: EVENT_CHANNELS.map((channel) => [channel, eventWireName(channel)] as [string, string]),
      binding: INVOKE_BINDING,
      deliver: DELIVER_FUNCTION,
    },
  );

  return {
    calls,
    async emit(channel, payload) {
      if (page.isClosed()) return;
      await page
        .evaluate(
          ([name, wire, value]) => {
            const deliver = (window as unknown as Record<string, unknown>)[name] as
              ((wire: string, payload: unknown) => void) | undefined;
            deliver?.(wire, value);
          },
          [DELIVER_FUNCTION, eventWireName(channel), payload] as const,
        )
        // A navigation between the event and its delivery loses it, as a reload loses Electron's events.
        .catch(() => undefined);
    },
  };
}
