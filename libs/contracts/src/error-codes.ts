/** The numeric error codes of SPEC §2.2. Every failure a caller can see carries one of these. */
export enum ErrorCode {
  Ok = 0,
  Malformed = 4000,
  CredentialsMissing = 4001,
  InvalidCredentials = 4002,
  CallerDisabled = 4003,
  CallerLocked = 4004,
  CredentialExpired = 4005,
  SourceNotAllowed = 4006,
  ActorInvalid = 4010,
  Forbidden = 4030,
  NotFound = 4040,
  Conflict = 4090,
  ValidationFailed = 4220,
  RateLimited = 4290,
  Internal = 5000,
  Unavailable = 5030,
}

/** Default texts; deliberately generic for the authentication codes so they reveal nothing. */
export function defaultMessage(code: ErrorCode): string {
  switch (code) {
    case ErrorCode.Ok:
      return 'OK';
    case ErrorCode.Malformed:
      return 'malformed message';
    case ErrorCode.CredentialsMissing:
      return 'credentials missing';
    case ErrorCode.InvalidCredentials:
      return 'invalid credentials';
    case ErrorCode.CallerDisabled:
      return 'caller disabled';
    case ErrorCode.CallerLocked:
      return 'caller temporarily locked';
    case ErrorCode.CredentialExpired:
      return 'credential expired';
    case ErrorCode.SourceNotAllowed:
      return 'source not allowed';
    case ErrorCode.ActorInvalid:
      return 'actor token missing or invalid';
    case ErrorCode.Forbidden:
      return 'not permitted';
    case ErrorCode.NotFound:
      return 'not found';
    case ErrorCode.Conflict:
      return 'conflict';
    case ErrorCode.ValidationFailed:
      return 'payload failed validation';
    case ErrorCode.RateLimited:
      return 'rate limited';
    case ErrorCode.Internal:
      return 'internal error';
    case ErrorCode.Unavailable:
      return 'dependency unavailable, retry later';
  }
}

const KNOWN_CODES = new Set<number>(Object.values(ErrorCode).filter((v): v is number => typeof v === 'number'));

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'number' && KNOWN_CODES.has(value);
}
