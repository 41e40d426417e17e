import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { appConfigOrExit, serveOperatorCommands } from '@crm/runtime';
import { loadAuditConfig } from '../audit.config.js';
import { auditOperatorCommands, AuditOperatorContext } from './operator-commands.js';

// Started by the admin CLI (apps/cli) with one request on stdin; see OperatorRequest in @crm/contracts.
Logger.overrideLogger(['warn', 'error']);
const ctx = new AuditOperatorContext(...appConfigOrExit(loadAuditConfig));
await serveOperatorCommands(auditOperatorCommands(ctx), () => ctx.close());
