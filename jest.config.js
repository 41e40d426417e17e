// Jest runs in native ESM mode (NestJS 12 is ESM-only): NODE_OPTIONS=--experimental-vm-modules,
// ts-jest with useESM. Five projects: unit (beside the code), e2e, faults, cluster and volume (test/,
// real MariaDB and RabbitMQ, one namespace per run).
const libs = ['contracts', 'config', 'messaging', 'security', 'persistence', 'runtime', 'outbox', 'inbox', 'tracing'];
const moduleNameMapper = { '^(\\.{1,2}/.*)\\.js$': '$1' };
for (const lib of libs) moduleNameMapper[`^@crm/${lib}$`] = `<rootDir>/libs/${lib}/src/index.ts`;

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
    { ...common, displayName: 'unit', roots: ['<rootDir>/apps', '<rootDir>/libs'], testRegex: '\\.spec\\.ts$' },
    // A test against real apps may wait on start-up and the broker: a minute, not jest's 5 s, when a file sets no timeout.
    { ...common, displayName: 'e2e', roots: ['<rootDir>/test'], testRegex: 'e2e/.*\\.e2e-spec\\.ts$', testTimeout: 60_000 },
    { ...common, displayName: 'faults', roots: ['<rootDir>/test'], testRegex: 'faults/.*\\.fault-spec\\.ts$' },
    // A 3-node RabbitMQ cluster and a MariaDB of its own under load and faults (`npm run test:cluster`, minutes).
    { ...common, displayName: 'cluster', roots: ['<rootDir>/test'], testRegex: 'cluster/.*\\.cluster-spec\\.ts$' },
    // Million-row checks (bounded memory, verify at scale): minutes each, so CI runs them beside `npm test`.
    { ...common, displayName: 'volume', roots: ['<rootDir>/test'], testRegex: 'volume/.*\\.volume-spec\\.ts$' },
  ],
};
