/** The permissions the audit endpoints declare (seeded into roles by `auth`). */
export const AUDIT_READ = 'audit.read';
export const AUDIT_EXPORT = 'audit.export';
export const AUDIT_ALERT_ACK = 'audit.alert.ack';
export const AUDIT_PURGE = 'audit.purge';
