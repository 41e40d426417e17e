import { Logger } from '@nestjs/common';
import { CrmError, ErrorCode } from '@crm/contracts';
import type { Notifier } from '../notifier/notifier.js';
import { secondFactorRefusedError, secondFactorRequiredError } from '../password/login-policy.js';
import type { PasswordService } from '../password/password.service.js';
import type { SecondFactorInput, TwoFactorService } from '../two-factor/two-factor.service.js';
import type { BackgroundQueue } from './background-queue.js';
import type { PasswordResetRepository } from './password-reset.repository.js';
import { accountIdentifier, generateResetCode, hashResetCode, resetCodeMatches, type AccountIdentifier } from './reset-code.js';
import type { ResetRateLimiter } from './reset-rate-limiter.js';

export interface ResetSettings {
  codeTtlMs: number;
  maxAttempts: number;
}

export interface ForgotPasswordInput {
  email?: string;
  phone?: string;
}

export interface ResetPasswordInput extends ForgotPasswordInput, SecondFactorInput {
  code: string;
  newPassword: string;
}

/** Compared against when there is no live code, so every reset attempt costs one HMAC. */
const NO_CODE = '0'.repeat(64);

function invalidCode(): CrmError {
  return new CrmError(ErrorCode.InvalidCredentials, 'invalid or expired code', [{ field: 'code', reasons: ['invalid or expired'] }]);
}

/**
 * Forgot password (SPEC §3.3): request a one-time code by e-mail or phone, then set a new password
 * with it. The request answers the same (202, same body, same work on the request path) whether or
 * not the account exists; the lookup, code and sending run in the background queue.
 */
export class PasswordResetService {
  private readonly log = new Logger('PasswordResetService');

  constructor(
    private readonly repo: PasswordResetRepository,
    private readonly limiter: ResetRateLimiter,
    private readonly codeKey: Buffer,
    private readonly settings: ResetSettings,
    private readonly notifier: Notifier,
    private readonly passwords: PasswordService,
    private readonly twoFactor: TwoFactorService,
    private readonly queue: BackgroundQueue,
  ) {}

  async forgot(input: ForgotPasswordInput, clientAddress: string): Promise<void> {
    const id = accountIdentifier(input);
    if (!(await this.limiter.allow(`${id.kind}:${id.value}`, clientAddress))) {
      this.log.warn({ msg: 'password reset requests rate limited' });
      throw new CrmError(ErrorCode.RateLimited, 'too many password reset requests; try again later');
    }
    this.queue.enqueue('password-reset-code', () => this.issue(id));
  }

  private async issue(id: AccountIdentifier): Promise<void> {
    const e = await this.repo.findActive(id);
    if (!e) {
      this.log.log({ msg: 'password reset requested for no active account', by: id.kind });
      return;
    }
    const code = generateResetCode();
    await this.repo.issue(e.employeeId, hashResetCode(this.codeKey, e.employeeId, code), new Date(Date.now() + this.settings.codeTtlMs));
    const minutes = Math.round(this.settings.codeTtlMs / 60_000);
    await this.notifier.send({
      employeeId: e.employeeId,
      channel: id.kind === 'email' ? 'email' : 'sms',
      recipient: id.value,
      email: e.email,
      subject: 'CRM password reset code',
      text: `Your CRM password reset code is ${code}. It expires in ${minutes} minutes and works once. If you did not ask for it, ignore this message: your password is unchanged.`,
    });
    this.log.log({ msg: 'password reset code issued', employeeId: e.employeeId });
  }

  /**
   * Wrong, expired, spent or exhausted code, or unknown account: the same 4002. Policy and history
   * failures (4220) leave the code usable. TOTP, when enrolled, is still required (ASVS 5 V6.4.3).
   */
  async reset(input: ResetPasswordInput): Promise<void> {
    const id = accountIdentifier(input);
    const code = typeof input.code === 'string' ? input.code : '';
    // The same queries whether or not the account exists or has a live code (no timing tell).
    const e = await this.repo.findActive(id);
    const row = await this.repo.live(e?.employeeId ?? '', this.settings.maxAttempts, new Date());
    const matches = resetCodeMatches(this.codeKey, e?.employeeId ?? '', code, row?.codeHash ?? NO_CODE);
    if (!e || !row || !matches) {
      await this.repo.countWrongAttempt(row?.id ?? '0');
      this.log.warn({ msg: 'password reset refused', employeeId: e?.employeeId ?? null });
      throw invalidCode();
    }
    const second = await this.twoFactor.check(e.employeeId, input);
    if (second === 'missing') throw secondFactorRequiredError();
    if (second === 'invalid' || second === 'replayed') {
      // A guess at the second factor spends one of the code's attempts.
      await this.repo.countWrongAttempt(row.id);
      throw secondFactorRefusedError(second);
    }
    await this.passwords.setPassword(e.employeeId, input.newPassword, 'password-reset', async (m) => {
      if (!(await this.repo.spend(m, row.id))) throw invalidCode();
    });
    const notice = {
      employeeId: e.employeeId,
      channel: id.kind === 'email' ? ('email' as const) : ('sms' as const),
      recipient: id.value,
      email: e.email,
      subject: 'Your CRM password was reset',
      text: 'Your CRM password was just reset and every session was signed out. If this was not you, contact your administrator at once.',
    };
    this.queue.enqueue('password-reset-notice', () => this.notifier.send(notice));
  }
}
