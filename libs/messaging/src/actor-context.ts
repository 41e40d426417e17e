/**
 * The guard replaces `data.actor` (an employee access token) by the verified employee id under
 * this symbol, so the call log can name the employee without ever storing the token.
 */
export const VERIFIED_ACTOR = Symbol('crm.verifiedActor');

export function actorOf(data: Record<string | symbol, unknown>): string | null {
  const v = data[VERIFIED_ACTOR];
  return typeof v === 'string' ? v : null;
}

/**
 * Set by the transport on every routed message: the caller's `requestId`, else the record `id`.
 * Handlers use it to make a redelivered call apply once.
 */
export const REQUEST_KEY = Symbol('crm.requestKey');

export function requestKeyOf(data: Record<string | symbol, unknown>): string | null {
  const v = data[REQUEST_KEY];
  return typeof v === 'string' ? v : null;
}

/** The call log's requestId of a call, from its request key `<caller>|<requestId or record id>`. */
export function requestIdOfKey(requestKey: string | null, caller: string): string | null {
  if (!requestKey) return null;
  const prefix = `${caller}|`;
  return requestKey.startsWith(prefix) ? requestKey.slice(prefix.length) : requestKey;
}
