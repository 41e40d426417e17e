// Jest runs in native ESM mode (NestJS 12 is ESM-only): NODE_OPTIONS=--experimental-vm-modules,
// ts-jest with useESM. Six projects: unit (beside the code), e2e, scenarios, faults, cluster and
// volume (test/, real MariaDB and RabbitMQ, one namespace per run).
const libs = ['contracts', 'config', 'messaging', 'security', 'persistence', 'runtime', 'outbox', 'inbox', 'tracing'];
const moduleNameMapper = { '^(\\.{1,2}/.*)\\.js$': '$1' };
for (const lib of libs) moduleNameMapper[`^@crm/${lib}$`] = `<rootDir>/libs/${lib}/src/index.ts`;

// Whole-product scenarios of minutes each: the README's walk-throughs run in bash, the operator
// console in Chromium, the wire fuzz. `npm run test:scenarios` (CI runs it after `npm test`, which
// stays a quarter-hour loop without them). Their files stay in test/e2e.
const SCENARIOS = ['readme-walkthrough', 'console', 'wire-fuzz'];
const scenarioFiles = `e2e/(${SCENARIOS.join('|')})\\.e2e-spec\\.ts$`;

// Tests against real apps get a minute when a file sets no timeout (test/support/e2e-timeout.ts says why there).
const e2eTimeout = '<rootDir>/test/support/e2e-timeout.ts';

const common = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper,
  setupFiles: ['reflect-metadata'],
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }] },
};

export default {
  projects: [
    { ...common, displayName: 'unit', roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/scripts'], testRegex: '\\.spec\\.ts$' },
    {
      ...common,
      displayName: 'e2e',
      roots: ['<rootDir>/test'],
      testRegex: 'e2e/.*\\.e2e-spec\\.ts$',
      testPathIgnorePatterns: ['/node_modules/', scenarioFiles],
      setupFilesAfterEnv: [e2eTimeout],
    },
    { ...common, displayName: 'scenarios', roots: ['<rootDir>/test'], testRegex: scenarioFiles, setupFilesAfterEnv: [e2eTimeout] },
    { ...common, displayName: 'faults', roots: ['<rootDir>/test'], testRegex: 'faults/.*\\.fault-spec\\.ts$' },
    // A 3-node RabbitMQ cluster and a MariaDB of its own under load and faults (`npm run test:cluster`, minutes).
    { ...common, displayName: 'cluster', roots: ['<rootDir>/test'], testRegex: 'cluster/.*\\.cluster-spec\\.ts$' },
    // Million-row checks (bounded memory, verify at scale): minutes each, so CI runs them beside `npm test`.
    { ...common, displayName: 'volume', roots: ['<rootDir>/test'], testRegex: 'volume/.*\\.volume-spec\\.ts$' },
  ],
};
