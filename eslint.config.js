// Lint rules, including the import boundaries between rooms (see ARCHITECTURE.md).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const nodeBuiltins = { group: ['node:*'], message: 'shared/ and the renderer run without Node.' };
const electron = { name: 'electron', message: 'Only the Electron shell may import electron.' };
const electronSubpaths = { group: ['electron/*'], message: 'Only the Electron shell may import electron.' };

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'dist/**', '.screenshots/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electron, { name: 'svelte', message: 'shared/ is framework-free.' }],
          patterns: [
            nodeBuiltins,
            electronSubpaths,
            {
              group: ['**/src-main/**', '**/src-renderer/**', '**/tests/**'],
              message: 'shared/ imports nothing of ours outside itself.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src-main/core/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            electron,
            {
              name: 'electron-store',
              message: 'The core gets its store through a port; electron-store is the shell’s.',
            },
          ],
          patterns: [electronSubpaths],
        },
      ],
    },
  },
  {
    // The sandboxed preload sees only electron's renderer modules and our shared contract.
    files: ['src-main/preload/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            nodeBuiltins,
            {
              regex: '^\\.\\./(?!\\.\\./shared/)',
              message: 'The preload imports only electron and shared/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src-renderer/**'],
    // The renderer's build config runs in Node at build time, not in the window.
    ignores: ['src-renderer/*.config.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electron],
          patterns: [
            nodeBuiltins,
            electronSubpaths,
            { group: ['**/src-main/**'], message: 'The window talks to main only through window.ambislot.' },
          ],
        },
      ],
    },
  },
);
