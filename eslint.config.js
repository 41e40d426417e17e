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

/** Paths (relative to ./apps) of the apps' test seams. */
const TEST_SEAMS = ['./audit/src/testing.ts', './sales/src/testing.ts', './service/src/testing.ts'];

/** Each app's configuration and module (`src/<app>.app.ts`): for scripts/migrate, which migrates every app in one process. */
const APP_DEFINITIONS = APPS.filter((app) => app !== 'cli').map((app) => `./${app}/src/${app}.app.ts`);

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
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
      '@typescript-eslint/no-explicit-any': 'off',
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            ...appZones,
            { target: './libs', from: './apps', message: 'libs never depend on apps' },
            { target: './libs', from: './test', message: 'libs never depend on tests' },
            // An app's only door for the project's own tests and benchmarks is its `src/testing.ts`.
            { target: './test', from: './apps', except: TEST_SEAMS, message: "tests use the wire, libs, or an app's src/testing.ts seam" },
            {
              target: './scripts',
              from: './apps',
              except: [...TEST_SEAMS, ...APP_DEFINITIONS],
              message: "scripts use the wire, libs, an app's src/testing.ts seam or its src/<app>.app.ts definition",
            },
          ],
        },
      ],
    },
  },
  prettier,
);
