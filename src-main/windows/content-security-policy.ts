/** The window's Content-Security-Policy: only the app's own bundles; nothing remote, no eval, no inline scripts. */

export interface CspInput {
  /** Vite's dev server origin in `npm run dev` (its module and hot-reload socket); undefined in a build. */
  devServerOrigin?: string | undefined;
}

export function contentSecurityPolicy(input: CspInput = {}): string {
  const dev = input.devServerOrigin;
  const self = dev ? `'self' ${dev}` : "'self'";
  const devSocket = dev ? ` ${dev.replace(/^http/, 'ws')}` : '';
  return [
    "default-src 'none'",
    `script-src ${self}`,
    // Svelte sets style attributes at runtime (transitions, style: directives); no remote styles.
    `style-src ${self} 'unsafe-inline'`,
    `img-src ${self} data:`,
    `font-src ${self}`,
    `connect-src ${self}${devSocket}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-src 'none'",
    "frame-ancestors 'none'",
    "worker-src 'none'",
    "manifest-src 'none'",
    "media-src 'none'",
  ].join('; ');
}
