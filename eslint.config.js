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
  // The layers and import rules of ARCHITECTURE.md (docs/adr/0009, 0010), the extensions' included:
  // see eslint.import-rules.js.
  ...importRules(),
  { files: ['**/*.js', '**/*.mjs'], ...tseslint.configs.disableTypeChecked },
);
