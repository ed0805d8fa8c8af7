// Builds the three bundles: main (ESM, Node), preload (CommonJS: sandboxed preloads cannot be ES modules), renderer (Svelte).
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { contentSecurityPolicy } from './src-main/windows/content-security-policy';

const here = import.meta.dirname;

/**
 * The built page carries the CSP as a meta tag too: main also sends it as a header, but a page loaded from
 * file:// gets no response headers to attach it to. (frame-ancestors is ignored in a meta tag; harmless.)
 */
function cspMetaTag(): Plugin {
  return {
    name: 'ambislot-csp-meta',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: contentSecurityPolicy() },
        injectTo: 'head-prepend',
      },
    ],
  };
}

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: { input: { index: resolve(here, 'src-main/index.ts') } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // One self-contained file (one entry, nothing external but electron): a sandboxed preload can require little else.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(here, 'src-main/preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(here, 'src-renderer'),
    // Relative asset paths: the packaged app loads index.html from file://.
    base: './',
    plugins: [svelte(), cspMetaTag()],
    build: {
      outDir: resolve(here, 'out/renderer'),
      rollupOptions: { input: { index: resolve(here, 'src-renderer/index.html') } },
    },
  },
});
