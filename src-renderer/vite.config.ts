// Builds the window alone (the end-to-end test serves it in Chromium); electron-vite builds the same root for the app.
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';

// import.meta.dirname rather than node:url: the renderer's room imports nothing from Node (lint rule).
const root = import.meta.dirname;

export default defineConfig({
  root,
  // Relative asset paths: the app loads index.html from file://, the test from a loopback server.
  base: './',
  plugins: [svelte()],
  build: {
    outDir: `${root}/../out/renderer`,
    emptyOutDir: true,
    target: 'chrome130',
  },
});
