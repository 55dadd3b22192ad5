import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'coverage/', 'extensions/**/node_modules/'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      globals: globals.node,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // The attribution engine, channel rules and the kernel are pure: no I/O, no Node built-ins,
    // nothing outside but the kernel.
    files: ['src/attribution/**/*.ts', 'src/channels/**/*.ts', 'src/kernel/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'fs', 'path', 'http', 'https', 'crypto', 'os'],
              message: 'attribution/ and channels/ are pure: no I/O.',
            },
            {
              group: [
                '../hubspot/*',
                '../store/*',
                '../sync/*',
                '../server/*',
                '../writeback/*',
                '../jobs/*',
                '../sandbox/*',
              ],
              message: 'attribution/ imports nothing outside itself but the kernel.',
            },
            {
              regex:
                '^(\\.\\./)+(?!kernel/|\\.\\./)(hubspot|store|sync|server|writeback|jobs|services|app|cli|security|config|evaluation)(/|\\.js$)',
              message: 'attribution/ imports nothing outside itself but the kernel.',
            },
          ],
        },
      ],
    },
  },
  {
    // Model evaluation is pure too: it may use the engine, and nothing that does I/O.
    files: ['src/evaluation/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'fs', 'path', 'http', 'https', 'crypto', 'os'],
              message: 'evaluation/ is pure: no I/O.',
            },
            {
              regex:
                '^(\\.\\./)+(hubspot|store|sync|server|writeback|jobs|sandbox|services|app|cli|config)(/|\\.js$)',
              message: 'evaluation/ imports only the attribution engine.',
            },
          ],
        },
      ],
    },
  },
  {
    // HubSpot bundles the card and the settings page each from its own folder and runs them in a
    // sandboxed worker: no Node built-ins, nothing from src/, and extensions/shared/ only through
    // its package name (a `file:` dependency; a relative import out of the folder is not uploaded).
    files: ['extensions/**/*.ts', 'extensions/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'fs', 'path', 'http', 'https', 'crypto', 'os'],
              message: 'extensions run in HubSpot’s sandbox: no Node built-ins.',
            },
            { group: ['**/src/*'], message: 'extensions cannot see src/.' },
            {
              regex: '^(\\.\\./)+shared/',
              message: 'import @deal-attribution/shared/<module>: HubSpot uploads it as a package.',
            },
          ],
        },
      ],
    },
  },
  { files: ['**/*.js', '**/*.mjs'], ...tseslint.configs.disableTypeChecked },
);
