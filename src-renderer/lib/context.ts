/** What every component of the window shares, passed down through Svelte's context rather than module globals. */
import { getContext, setContext } from 'svelte';
import type { AmbiSlotApi } from '../../shared/ipc-contract';
import type { Locale } from './i18n/locale.svelte';
import type { ActivityState } from './state/activity.svelte';
import type { AppState } from './state/app-state.svelte';
import type { Navigation } from './state/navigation.svelte';

export interface WindowContext {
  api: AmbiSlotApi;
  app: AppState;
  activity: ActivityState;
  locale: Locale;
  nav: Navigation;
  /** The person's own zone (the machine's); slots stay in consulate time and show this one beside. */
  userTimeZone: string;
}

const KEY = Symbol('ambislot-window');

export function setWindowContext(context: WindowContext): WindowContext {
  return setContext(KEY, context);
}

export function getWindowContext(): WindowContext {
  const context = getContext<WindowContext | undefined>(KEY);
  if (!context) throw new Error('A window component was drawn outside the App (no window context).');
  return context;
}

/** For tests: the Map that `render(..., { context })` expects. */
export function windowContextMap(context: WindowContext): Map<symbol, WindowContext> {
  return new Map([[KEY, context]]);
}
