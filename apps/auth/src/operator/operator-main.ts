import 'reflect-metadata';
import { appConfigOrExit, serveOperatorCommands } from '@crm/runtime';
import { loadAuthConfig } from '../auth.config.js';
import { authOperatorCommands } from './operator-commands.js';
import { OperatorContext } from './operator-context.js';

// Started by the admin CLI (apps/cli) with one request on stdin; see OperatorRequest in @crm/contracts.
const ctx = new OperatorContext(...appConfigOrExit(loadAuthConfig));
await serveOperatorCommands(authOperatorCommands(ctx), () => ctx.close());
