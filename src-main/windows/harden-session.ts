/** Session-wide hardening: deny every permission request and check, and send the strict CSP with every page. */
import type { Session } from 'electron';

export function hardenSession(session: Session, csp: string): void {
  // The window needs no camera, microphone, location, notifications API or anything else: deny them all.
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [csp],
        'X-Content-Type-Options': ['nosniff'],
      },
    });
  });
}
