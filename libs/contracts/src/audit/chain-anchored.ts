/**
 * Published by audit (through its outbox) each time it anchors a hash chain outside its database:
 * a signed statement that the chain of `log` held `seq` rows ending in `hash` at `at`. An archive
 * outside the installation keeps these; `audit verify` checks the chain against the newest one, so
 * cutting the newest rows and putting back an older chain head is detected (docs/audit-data.md,
 * "Anchors"). Carries no secret: `anchorMac` is an HMAC under a key derived from the master key (named so
 * as not to clash with `mac`, the publisher's seal inside `data` of events sealed v1).
 */
export const AUDIT_CHAIN_ANCHORED_V1 = 'audit.chain.anchored.v1';
export interface AuditChainAnchoredData {
  /** `calls` or `operations`. */
  log: 'calls' | 'operations';
  /** The chain head's position when anchored. */
  seq: number;
  /** hex HMAC-SHA256 row hash of row `seq`. */
  hash: string;
  /** Master key id whose derived chain key made `anchorMac`. */
  keyId: string;
  /** ISO-8601: when the anchor was taken (covered by `anchorMac`). */
  at: string;
  /** hex HMAC over (log, seq, hash, keyId, "anchor", at). */
  anchorMac: string;
}
