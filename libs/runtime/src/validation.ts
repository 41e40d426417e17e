import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { CrmError, ErrorCode, type FieldError } from '@crm/contracts';

/** class-validator's error tree as the contract's `details`: one entry per field, with its reasons. */
export function flattenValidationErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const e of errors) {
    const field = e.property ? (prefix ? `${prefix}.${e.property}` : e.property) : prefix || 'payload';
    if (e.constraints) out.push({ field, reasons: Object.values(e.constraints) });
    if (e.children?.length) out.push(...flattenValidationErrors(e.children, field));
  }
  return out;
}

/** Validates message payloads and HTTP inputs alike; a failure is a 4220 whose `details` name every field and why. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    stopAtFirstError: false,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const details = flattenValidationErrors(errors);
      return new CrmError(
        ErrorCode.ValidationFailed,
        'payload failed validation',
        details.length ? details : [{ field: 'payload', reasons: ['payload must be an object'] }],
      );
    },
  });
}
