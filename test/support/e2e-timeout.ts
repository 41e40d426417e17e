import { jest } from '@jest/globals';

// A test against real apps may wait on start-up and the broker: a minute, not jest's 5 s, when a
// file sets no timeout. (A project's `testTimeout` is ignored: jest-circus reads only the global one.)
jest.setTimeout(60_000);
