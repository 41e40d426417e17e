import { createParamDecorator, type ExecutionContext } from '@nestjs/common';

/** An authenticated operator (employee), as the JWT strategy puts it on the request. */
export interface Operator {
  employeeId: string;
  permissions: readonly string[];
}

export const CurrentOperator = createParamDecorator((_data: unknown, context: ExecutionContext): Operator => {
  return context.switchToHttp().getRequest<{ user: Operator }>().user;
});
