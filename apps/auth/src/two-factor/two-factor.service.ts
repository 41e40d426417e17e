import { randomBytes } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { toDataURL } from 'qrcode';
import { CrmError, ErrorCode } from '@crm/contracts';
import type { ChangeRecorder } from '@crm/outbox';
import type { SecretBox } from '@crm/security';
import { hashSecret, verifySecret } from '../caller/password-hasher.js';
import type { EmployeeService } from '../employee/employee.service.js';
import { secondFactorRefusedError, type SecondFactorOutcome } from '../password/login-policy.js';
import { base32Encode, generateTotpSecret, matchTotp, otpauthUri } from './totp.js';
import type { TwoFactorRepository } from './two-factor.repository.js';
import type { TwoFactorRequirement } from './two-factor-requirement.js';

export const TOTP_ISSUER = 'CRM';
export const RECOVERY_CODE_COUNT = 10;

/** What a login or a sensitive action may carry as its second factor. */
export interface SecondFactorInput {
  totp?: unknown;
  recoveryCode?: unknown;
}

/** `XXXX-XXXX-XXXX-XXXX`: 80 random bits, base32 so it survives being read aloud or retyped. */
export function generateRecoveryCode(): string {
  return base32Encode(randomBytes(10)).match(/.{4}/g)!.join('-');
}

export function normalizeRecoveryCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '');
}

/** SecretBox context (bound as AAD): a sealed secret copied onto another employee fails to open. */
export const totpContext = (employeeId: string) => `auth/totp/${employeeId}`;

/** `check` modes: a login/step-up, or disabling (which needs an enrolled factor and a code). */
type CheckMode = 'login' | 'must-be-enrolled';

/** TOTP enrolment, confirmation, verification at login (replay-proof) and single-use recovery codes. */
export class TwoFactorService {
  private readonly log = new Logger('TwoFactorService');

  constructor(
    private readonly repo: TwoFactorRepository,
    private readonly box: SecretBox,
    private readonly employees: EmployeeService,
    private readonly requirement: TwoFactorRequirement,
    private readonly changes: ChangeRecorder,
    private readonly now: () => number = Date.now,
  ) {}

  /** Re-authenticates with the password, then issues a new secret (shown once); not enforced until confirmed. */
  async enroll(employeeId: string, password: string): Promise<{ otpauthUri: string; secret: string; qrCode: string }> {
    await this.employees.authenticate(employeeId, password, {
      purpose: 'reauthentication',
      secondFactor: () => this.requireNotConfirmed(employeeId),
    });
    const secret = generateTotpSecret();
    await this.repo.savePending(employeeId, this.box.seal(secret, totpContext(employeeId)));
    this.log.log({ msg: 'two-factor enrolment started', employeeId });
    const uri = otpauthUri(TOTP_ISSUER, employeeId, secret);
    return { otpauthUri: uri, secret, qrCode: await toDataURL(uri, { errorCorrectionLevel: 'M', margin: 2, width: 256 }) };
  }

  /** Password plus a first code prove the authenticator works; from now on login needs a code. Returns the recovery codes, once. */
  async confirm(employeeId: string, password: string, code: string): Promise<{ recoveryCodes: string[] }> {
    await this.employees.authenticate(employeeId, password, { purpose: 'reauthentication' });
    const rec = await this.repo.find(employeeId);
    if (!rec) throw new CrmError(ErrorCode.NotFound, 'no two-factor enrolment in progress');
    if (rec.confirmed) throw new CrmError(ErrorCode.Conflict, 'two-factor authentication is already enabled');
    const step = matchTotp(this.box.open(rec.sealed, totpContext(employeeId)), code, this.now());
    if (step === null) throw secondFactorRefusedError('invalid');
    if (!(await this.repo.claimStep(employeeId, step, 'confirm'))) throw secondFactorRefusedError('replayed');
    const recoveryCodes = Array.from({ length: RECOVERY_CODE_COUNT }, generateRecoveryCode);
    await this.repo.replaceRecoveryCodes(employeeId, await Promise.all(recoveryCodes.map((c) => hashSecret(normalizeRecoveryCode(c)))));
    this.log.log({ msg: 'two-factor authentication enabled', employeeId });
    await this.record(employeeId, 'two-factor-enable', true);
    return { recoveryCodes };
  }

  /** Needs the password and a current code (or a recovery code), as a login does. */
  async disable(employeeId: string, password: string, input: SecondFactorInput): Promise<void> {
    await this.employees.authenticate(employeeId, password, {
      purpose: 'reauthentication',
      secondFactor: () => this.check(employeeId, input, 'must-be-enrolled'),
    });
    if (await this.requirement.requiresTwoFactor(employeeId))
      throw new CrmError(ErrorCode.Forbidden, 'two-factor authentication is required for this role');
    await this.repo.remove(employeeId);
    this.log.log({ msg: 'two-factor authentication disabled', employeeId });
    await this.record(employeeId, 'two-factor-disable', false);
  }

  /** The employee's own change, recorded in a transaction of its own (the repository's writes are done). */
  private async record(employeeId: string, action: 'two-factor-enable' | 'two-factor-disable', enabled: boolean): Promise<void> {
    await this.changes.record(
      null,
      { caller: null, employeeId },
      { entity: 'employee', entityId: employeeId, action, before: { twoFactor: !enabled }, after: { twoFactor: enabled } },
    );
  }

  /** The callback EmployeeService.authenticate runs after a correct password. */
  secondFactorFor(input: SecondFactorInput): (employeeId: string) => Promise<SecondFactorOutcome> {
    const copy: SecondFactorInput = { totp: input.totp, recoveryCode: input.recoveryCode };
    return (employeeId) => this.check(employeeId, copy);
  }

  async isEnrolled(employeeId: string): Promise<boolean> {
    return !!(await this.repo.find(employeeId))?.confirmed;
  }

  /**
   * `ok` when the code is right and unused, or no TOTP is set up and none is required;
   * `missing` when a code is needed but none came; `enrolment-required` when the role demands
   * TOTP that is not set up; `replayed` for a right code already used; `invalid` otherwise.
   * `totp` may also carry a recovery code.
   */
  async check(employeeId: string, input: SecondFactorInput, mode: CheckMode = 'login'): Promise<SecondFactorOutcome> {
    const rec = await this.repo.find(employeeId);
    if (!rec?.confirmed) {
      if (mode === 'must-be-enrolled') return 'invalid';
      return (await this.requirement.requiresTwoFactor(employeeId)) ? 'enrolment-required' : 'ok';
    }
    const totp = typeof input.totp === 'string' ? input.totp.trim() : '';
    const recovery = typeof input.recoveryCode === 'string' ? input.recoveryCode.trim() : !/^\d{6}$/.test(totp) ? totp : '';
    if (/^\d{6}$/.test(totp)) {
      const step = matchTotp(this.box.open(rec.sealed, totpContext(employeeId)), totp, this.now());
      if (step === null) return 'invalid';
      // A right code whose step (or a later one) was already used: never accepted twice (RFC 6238 §5.2).
      return (await this.repo.claimStep(employeeId, step, 'use')) ? 'ok' : 'replayed';
    }
    if (recovery !== '') return (await this.spendRecoveryCode(employeeId, recovery)) ? 'ok' : 'invalid';
    return input.totp === undefined && input.recoveryCode === undefined ? 'missing' : 'invalid';
  }

  private async spendRecoveryCode(employeeId: string, code: string): Promise<boolean> {
    const normalized = normalizeRecoveryCode(code);
    if (!/^[A-Z2-7]{16}$/.test(normalized)) return false;
    for (const c of await this.repo.unusedRecoveryCodes(employeeId)) {
      if (await verifySecret(c.codeHash, normalized)) {
        const spent = await this.repo.spendRecoveryCode(c.id);
        if (spent) this.log.warn({ msg: 'recovery code used', employeeId });
        return spent;
      }
    }
    return false;
  }

  private async requireNotConfirmed(employeeId: string): Promise<SecondFactorOutcome> {
    if ((await this.repo.find(employeeId))?.confirmed)
      throw new CrmError(ErrorCode.Conflict, 'two-factor authentication is already enabled; disable it first');
    return 'ok';
  }
}
