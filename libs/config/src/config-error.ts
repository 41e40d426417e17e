/** A bad or missing environment value: names the variable, never echoes the value (it may be a secret). */
export class ConfigError extends Error {
  constructor(readonly variable: string, reason: string) {
    super(`configuration error: ${variable} ${reason}`);
    this.name = 'ConfigError';
  }
}
