// Jest runs in native ESM mode (NestJS 12 is ESM-only); see docs/development.md.
const libs = ['contracts', 'config', 'messaging', 'security', 'persistence', 'runtime'];
const moduleNameMapper = { '^(\\.{1,2}/.*)\\.js$': '$1' };
for (const lib of libs) moduleNameMapper[`^@crm/${lib}$`] = `<rootDir>/libs/${lib}/src/index.ts`;

const transform = { '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }] };

export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper,
  transform,
  projects: [
    { displayName: 'unit', testEnvironment: 'node', extensionsToTreatAsEsm: ['.ts'], moduleNameMapper, transform,
      roots: ['<rootDir>/apps', '<rootDir>/libs'], testRegex: '\\.spec\\.ts$' },
  ],
};
