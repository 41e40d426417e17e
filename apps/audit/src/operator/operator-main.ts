import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { configOrExit, serveOperatorCommands } from '@crm/runtime';
import { auditOperatorCommands, AuditOperatorContext } from './operator-commands.js';

// Started by the admin CLI (apps/cli) with one request on stdin; see OperatorRequest in @crm/contracts.
Logger.overrideLogger(['warn', 'error']);
const ctx = new AuditOperatorContext(configOrExit());
await serveOperatorCommands(auditOperatorCommands(ctx), () => ctx.close());
