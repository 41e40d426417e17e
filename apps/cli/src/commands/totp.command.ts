import type { Command } from 'commander';
import { Secret, TOTP } from 'otpauth';
import type { CommandModule } from '../cli-program.js';
import { usageError } from '../cli-program.js';

/** What auth enrols (apps/auth/src/two-factor/totp.ts) and every authenticator app computes: RFC 6238, SHA-1, 6 digits, 30 s. */
const PERIOD_SECONDS = 30;

/**
 * A development aid: the current TOTP code of a secret from `POST /auth/2fa/enroll`, for trying 2FA
 * without a phone. Computed locally; nothing is sent or stored.
 */
export const totpCommands: CommandModule = (program, session) => {
  program
    .command('totp')
    .description('two-factor codes by hand (development aid)')
    .command('code <secret>')
    .description(
      'print the current TOTP code of a base32 secret as {"totp","validForSeconds"} — a development aid for trying 2FA ' +
        'without an authenticator app (the secret lands in shell history; use it only for test accounts)',
    )
    .action((secret: string, _o: unknown, cmd: Command) => {
      let key: Secret;
      try {
        key = Secret.fromBase32(secret.toUpperCase().replace(/[\s=-]/g, ''));
      } catch {
        usageError(cmd, '<secret> must be base32 (A-Z, 2-7), as `secret` in the enrol reply');
      }
      if (key.bytes.length === 0) usageError(cmd, '<secret> must be base32 (A-Z, 2-7), as `secret` in the enrol reply');
      const now = session.io.now?.() ?? Date.now();
      const totp = new TOTP({ secret: key, algorithm: 'SHA1', digits: 6, period: PERIOD_SECONDS });
      const validForSeconds = PERIOD_SECONDS - (Math.floor(now / 1000) % PERIOD_SECONDS);
      session.print({ totp: totp.generate({ timestamp: now }), validForSeconds });
    });
};
