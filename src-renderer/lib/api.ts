/** The window's only way to main: the typed `window.ambislot` the preload exposes (shared/ipc-contract.ts). */
import type { AmbiSlotApi } from '../../shared/ipc-contract';

export type { AmbiSlotApi };

// Read through a cast rather than a global declaration, so this file and the preload's typings cannot clash.
type WithBridge = { ambislot?: AmbiSlotApi };

/** The bridge, or a clear error when the page runs outside the app (opened directly in a browser). */
export function getApi(host: object = globalThis): AmbiSlotApi {
  const api = (host as WithBridge).ambislot;
  if (!api) throw new Error('window.ambislot is missing: this page only works inside AmbiSlot.');
  return api;
}

/** The message of anything thrown by an API call (main answers failures as errors with one sentence). */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
