import 'reflect-metadata';
import { configOrExit, serveOperatorCommands } from '@crm/runtime';
import { authOperatorCommands } from './operator-commands.js';
import { OperatorContext } from './operator-context.js';

// Started by the admin CLI (apps/cli) with one request on stdin; see OperatorRequest in @crm/contracts.
const ctx = new OperatorContext(configOrExit());
await serveOperatorCommands(authOperatorCommands(ctx), () => ctx.close());
