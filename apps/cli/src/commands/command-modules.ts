import type { CommandModule } from '../cli-program.js';
import { auditCommands } from './audit.command.js';
import { brokerCommands } from './broker.command.js';
import { callerCommands } from './callers.command.js';
import { credentialCommands } from './credentials.command.js';
import { employeeCommands } from './employees.command.js';
import { systemCommands } from './system.command.js';
import { totpCommands } from './totp.command.js';

/** Every area of the operator CLI, in the order `help` lists them. */
export const COMMAND_MODULES: readonly CommandModule[] = [
  callerCommands,
  employeeCommands,
  credentialCommands,
  systemCommands,
  auditCommands,
  brokerCommands,
  totpCommands,
];
