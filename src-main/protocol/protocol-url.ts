/** ambislot:// URLs: built for notifications so a click from the Action Center finds its page; read back from argv. */

export const PROTOCOL_SCHEME = 'ambislot';

/** `ambislot://open?url=<booking page>`: what a Windows toast activates after the app lost the click handler. */
export function openPageProtocolUrl(bookingUrl: string): string {
  return `${PROTOCOL_SCHEME}://open?url=${encodeURIComponent(bookingUrl)}`;
}

/** The request a protocol URL carries, or undefined for anything else; the page is still untrusted here. */
export type ProtocolRequest = { action: 'open-page'; url: string } | { action: 'show-window' };

export function parseProtocolUrl(text: string): ProtocolRequest | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  if (url.protocol !== `${PROTOCOL_SCHEME}:`) return undefined;
  // `ambislot://open?…` parses with host "open"; `ambislot:open?…` with pathname "open".
  const action = url.host || url.pathname.replace(/^\/+/, '');
  if (action === 'open') {
    const page = url.searchParams.get('url');
    return page ? { action: 'open-page', url: page } : { action: 'show-window' };
  }
  if (action === 'show' || action === '') return { action: 'show-window' };
  return undefined;
}

/** The protocol URL among a launch's arguments (Windows and Linux pass it in argv), if any. */
export function protocolUrlInArgv(argv: readonly string[]): string | undefined {
  return argv.find((arg) => arg.toLowerCase().startsWith(`${PROTOCOL_SCHEME}:`));
}
