/** A bad or missing environment value: names the variable, never echoes the value (it may be a secret). */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    reason: string,
  ) {
    super(`configuration error: ${variable} ${reason}`);
    this.name = 'ConfigError';
  }
}

/** The ConfigError a loader raises (tests and tools check which variable it names); anything else is rethrown. */
export function configErrorOf(load: () => unknown): ConfigError {
  try {
    load();
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('expected a ConfigError');
}
