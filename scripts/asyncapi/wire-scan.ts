import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { APP_NAMES, type AppName } from '@crm/contracts';

/** One `@MessagePattern` handler as the apps register it: what a partner can call, and what it answers. */
export interface WireHandler {
  app: AppName;
  pattern: string;
  /** `@Payload('payload')`'s declared type, or null for a pattern that takes none (ping). */
  payload: ts.TypeNode | null;
  /** The declared return type, `Promise<…>` unwrapped. */
  reply: ts.TypeNode;
  /** `@RequirePermission(…)`: the employee permission the pattern needs (so it needs an actor token). */
  permission: string | null;
  /** The handler's doc comment, if any. */
  doc: string | null;
  /** `apps/sales/src/account/account.controller.ts#create`, for error messages. */
  where: string;
}

/** A TypeScript program over the repository's sources, as `tsc -p tsconfig.json` sees them. */
export function createRepoProgram(root: string, extraRoots: string[] = []): ts.Program {
  const configFile = ts.readConfigFile(join(root, 'tsconfig.json'), (p) => ts.sys.readFile(p));
  if (configFile.error) throw new Error(ts.flattenDiagnosticMessageText(configFile.error.messageText, '\n'));
  const parsed = ts.parseJsonConfigFileContent(configFile.config, ts.sys, root);
  const roots = [...controllerFiles(root), ...extraRoots.map((f) => join(root, f))];
  return ts.createProgram({ rootNames: roots, options: { ...parsed.options, noEmit: true } });
}

function controllerFiles(root: string): string[] {
  const out: string[] = [join(root, 'libs/runtime/src/ping.controller.ts')];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.controller.ts')) out.push(p);
    }
  };
  for (const app of APP_NAMES) walk(join(root, 'apps', app, 'src'));
  return out;
}

function decoratorCall(node: ts.HasDecorators, name: string): ts.CallExpression | null {
  for (const d of ts.getDecorators(node) ?? []) {
    if (ts.isCallExpression(d.expression) && ts.isIdentifier(d.expression.expression) && d.expression.expression.text === name)
      return d.expression;
  }
  return null;
}

function literalOf(checker: ts.TypeChecker, expr: ts.Expression | undefined): string | null {
  if (!expr) return null;
  const type = checker.getTypeAtLocation(expr);
  return type.isStringLiteral() ? type.value : null;
}

function unwrapPromise(node: ts.TypeNode): ts.TypeNode {
  if (
    ts.isTypeReferenceNode(node) &&
    ts.isIdentifier(node.typeName) &&
    node.typeName.text === 'Promise' &&
    node.typeArguments?.length === 1
  )
    return node.typeArguments[0]!;
  return node;
}

function docOf(node: ts.Node): string | null {
  const text = ts
    .getJSDocCommentsAndTags(node)
    .filter(ts.isJSDoc)
    .map((d) => ts.getTextOfJSDocComment(d.comment) ?? '')
    .join('\n')
    .trim();
  return text || null;
}

/**
 * Every request pattern the apps handle, read from their controllers (the one place where a
 * pattern meets its payload class and its reply type), so the document cannot drift from the code.
 * The shared `<app>.system.ping.v1` (libs/runtime) is listed once per app.
 */
export function scanWireHandlers(program: ts.Program, root: string): WireHandler[] {
  const checker = program.getTypeChecker();
  const handlers: WireHandler[] = [];
  const problems: string[] = [];
  for (const file of program.getSourceFiles()) {
    const rel = relative(root, file.fileName);
    if (!rel.endsWith('.controller.ts') || rel.startsWith('node_modules')) continue;
    const app = /^apps\/([a-z]+)\//.exec(rel)?.[1] as AppName | undefined;
    const isPing = rel === 'libs/runtime/src/ping.controller.ts';
    if (!app && !isPing) continue;
    const visit = (node: ts.Node): void => {
      if (ts.isMethodDeclaration(node)) {
        const mp = decoratorCall(node, 'MessagePattern');
        if (mp) {
          const where = `${rel}#${node.name.getText(file)}`;
          const payloadParam = node.parameters.find((p) => {
            const call = decoratorCall(p, 'Payload');
            return call !== null && literalOf(checker, call.arguments[0]) === 'payload';
          });
          const permission = literalOf(checker, decoratorCall(node, 'RequirePermission')?.arguments[0]);
          if (!node.type) problems.push(`${where}: declare the return type (the reply schema is read from it)`);
          if (payloadParam && !payloadParam.type) problems.push(`${where}: declare the payload type`);
          const common = {
            payload: payloadParam?.type ?? null,
            reply: unwrapPromise(node.type ?? ts.factory.createKeywordTypeNode(ts.SyntaxKind.UnknownKeyword)),
            permission,
            doc: docOf(node),
            where,
          };
          if (isPing) {
            for (const a of APP_NAMES) handlers.push({ ...common, app: a, pattern: `${a}.system.ping.v1` });
          } else {
            const pattern = literalOf(checker, mp.arguments[0]);
            if (!pattern) problems.push(`${where}: the pattern must be a string constant`);
            else handlers.push({ ...common, app: app!, pattern });
          }
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  if (problems.length) throw new Error(`cannot describe every request pattern:\n${problems.join('\n')}`);
  const seen = new Set<string>();
  for (const h of handlers) {
    if (seen.has(h.pattern)) throw new Error(`pattern ${h.pattern} is handled twice (${h.where})`);
    seen.add(h.pattern);
  }
  return handlers.sort((a, b) => a.pattern.localeCompare(b.pattern));
}
