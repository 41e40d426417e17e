// ESLint (flat config, type-aware through typescript-eslint's project service). The rules that
// matter for a message-driven back end: no promise left floating or passed where a callback's
// result is ignored (a lost rejection is a lost message), exhaustive switches over the contract's
// unions (a new error code or state must fail the build where it is not handled), and imports that
// keep the apps apart (an app, a script or a test uses libs or the wire, never another app's code).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import prettier from 'eslint-config-prettier';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

const APPS = ['auth', 'marketing', 'sales', 'service', 'audit', 'cli'];

/** Each app may import only itself and the libs. */
const appZones = APPS.map((app) => ({
  target: `./apps/${app}`,
  from: './apps',
  except: [`./${app}`],
  message: 'apps never import each other: move the shared part into libs/ or call the app over the wire',
}));

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'apps/audit/public/**', '**/*.mjs', '*.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })] },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
      '@typescript-eslint/no-explicit-any': 'off',
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            ...appZones,
            { target: './libs', from: './apps', message: 'libs never depend on apps' },
            { target: './libs', from: './test', message: 'libs never depend on tests' },
            { target: './test', from: './apps', message: 'tests speak to the apps over the wire or use libs/test support' },
            { target: './scripts', from: './apps', message: 'scripts use libs or the wire, not app internals' },
          ],
        },
      ],
    },
  },
  prettier,
);
