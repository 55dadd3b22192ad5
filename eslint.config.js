import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { importRules } from './eslint.import-rules.js';

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
  // The layers and import rules of ARCHITECTURE.md (docs/adr/0009): see eslint.import-rules.js.
  ...importRules(),
  {
    // HubSpot bundles the card and the settings page each from its own folder and runs them in a
    // sandboxed worker: no Node built-ins, nothing from src/, and extensions/domain/ only through
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
              regex: '^(\\.\\./)+domain/',
              message: 'import @deal-attribution/domain/<module>: HubSpot uploads it as a package.',
            },
          ],
        },
      ],
    },
  },
  { files: ['**/*.js', '**/*.mjs'], ...tseslint.configs.disableTypeChecked },
);
