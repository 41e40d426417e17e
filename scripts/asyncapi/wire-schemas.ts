import { validationMetadatasToSchemas } from 'class-validator-jsonschema';
import {
  Context,
  createFormatter,
  createParser,
  DEFAULT_CONFIG,
  SchemaGenerator,
  type BaseType,
  type CompletedConfig,
  type Definition,
} from 'ts-json-schema-generator';
import ts from 'typescript';

export type JsonSchema = Record<string, unknown>;

/** AsyncAPI (and OpenAPI) component keys allow only these characters; `ListPage<AlertItem>` becomes `ListPage_AlertItem`. */
export function componentKey(name: string): string {
  return name
    .replace(/[^a-zA-Z0-9._-]+/g, '_')
    .replace(/_+$/, '')
    .replace(/^_+/, '');
}

/** ts-json-schema-generator keeps the root and child definitions apart; this exposes both for one type node at a time. */
class NodeSchemaGenerator extends SchemaGenerator {
  schemaOf(node: ts.Node, definitions: Record<string, Definition>): Definition {
    const type: BaseType = this.nodeParser.createType(node, new Context());
    this.appendRootChildDefinitions(type, definitions);
    return this.typeFormatter.getDefinition(type);
  }
}

/** Validation constraints class-validator enforces that TypeScript types cannot say (lengths, patterns, ranges). */
const CONSTRAINT_KEYWORDS = [
  'minLength',
  'maxLength',
  'pattern',
  'format',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minItems',
  'maxItems',
  'uniqueItems',
  'multipleOf',
] as const;

function addConstraints(target: JsonSchema, source: JsonSchema | undefined): void {
  if (!source || typeof target !== 'object' || '$ref' in target) return;
  for (const k of CONSTRAINT_KEYWORDS) if (source[k] !== undefined && target[k] === undefined) target[k] = source[k];
  const items = target.items as JsonSchema | undefined;
  if (items && typeof items === 'object' && !Array.isArray(items)) addConstraints(items, source.items as JsonSchema | undefined);
}

/**
 * JSON Schemas of the wire's TypeScript types: request payloads (the class-validator DTO classes of
 * `@crm/contracts`, closed: the validation pipe refuses unknown fields with 4220), replies and
 * events (interfaces, open: consumers must ignore fields they do not know, SPEC §2.3). Shapes and
 * descriptions come from the types and their doc comments (ts-json-schema-generator); payload
 * properties also get the constraints their class-validator decorators enforce
 * (class-validator-jsonschema). All definitions end up in one map keyed by component name.
 */
export class WireSchemas {
  readonly components: Record<string, JsonSchema> = {};
  private readonly closed: NodeSchemaGenerator;
  private readonly open: NodeSchemaGenerator;
  private readonly validators: Record<string, JsonSchema>;

  constructor(program: ts.Program) {
    const config = (additionalProperties: boolean): CompletedConfig => ({
      ...DEFAULT_CONFIG,
      additionalProperties,
      encodeRefs: false,
      expose: 'export',
      topRef: false,
      jsDoc: 'extended',
      sortProps: true,
      functions: 'hide',
    });
    this.closed = new NodeSchemaGenerator(program, createParser(program, config(false)), createFormatter(config(false)), config(false));
    this.open = new NodeSchemaGenerator(program, createParser(program, config(true)), createFormatter(config(true)), config(true));
    // Only the leaf constraints are taken from here (shapes come from the types), so nested classes need no class-transformer metadata.
    this.validators = validationMetadatasToSchemas() as Record<string, JsonSchema>;
  }

  /** A request payload's schema (a `$ref` to its class), with its class-validator constraints. */
  payload(node: ts.TypeNode): JsonSchema {
    const definitions: Record<string, Definition> = {};
    const root = named(node, this.closed.schemaOf(node, definitions), definitions);
    for (const [name, def] of Object.entries(definitions)) {
      const props = (def as JsonSchema).properties as Record<string, JsonSchema> | undefined;
      const validated = this.validators[name]?.properties as Record<string, JsonSchema> | undefined;
      if (props && validated) for (const [p, schema] of Object.entries(props)) addConstraints(schema, validated[p]);
    }
    return this.merge(root, definitions, 'payload');
  }

  /** A reply's or an event's schema. */
  document(node: ts.Node): JsonSchema {
    const definitions: Record<string, Definition> = {};
    const root = named(node, this.open.schemaOf(node, definitions), definitions);
    return this.merge(root, definitions, 'document');
  }

  private merge(root: Definition, definitions: Record<string, Definition>, kind: 'payload' | 'document'): JsonSchema {
    for (const [name, def] of Object.entries(definitions)) {
      const key = componentKey(name);
      const schema = rewriteRefs(def) as JsonSchema;
      const existing = this.components[key];
      if (existing && JSON.stringify(existing) !== JSON.stringify(schema)) {
        // Two different types under one name would make one of them lie: rename one of them.
        if (JSON.stringify(withoutStrictness(existing)) !== JSON.stringify(withoutStrictness(schema)))
          throw new Error(`two different types are both called ${key}: give one of them another name`);
        // The same type as a payload (closed) and inside a reply or event (open): the payload's, what the apps enforce, wins.
        if (kind === 'payload') this.components[key] = schema;
        continue;
      }
      this.components[key] = schema;
    }
    return rewriteRefs(root) as JsonSchema;
  }
}

/**
 * A reference to a named type (`CreateAccountDto`, `AccountView`) stays a named component, so a
 * generated client gets a class of that name rather than an anonymous shape.
 */
function named(node: ts.Node, root: Definition, definitions: Record<string, Definition>): Definition {
  if ((root as JsonSchema).$ref) return root;
  let name: string;
  if (ts.isTypeReferenceNode(node) && !node.typeArguments?.length) name = node.typeName.getText();
  else if (ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node)) name = node.name.text;
  else return root;
  definitions[name] = root;
  return { $ref: `#/definitions/${name}` };
}

/** Constraints and descriptions without `additionalProperties`, to tell one type seen twice from two types. */
function withoutStrictness(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutStrictness);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k]) => k !== 'additionalProperties' && !CONSTRAINT_KEYWORDS.includes(k as (typeof CONSTRAINT_KEYWORDS)[number]))
        .map(([k, v]) => [k, withoutStrictness(v)]),
    );
  return value;
}

/**
 * Component references instead of `#/definitions/…`, and `@deprecated why` (a string from the doc
 * comment) as JSON Schema's boolean `deprecated` with the reason in the description.
 */
function rewriteRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewriteRefs);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] =
        k === '$ref' && typeof v === 'string' ? `#/components/schemas/${componentKey(v.replace(/^#\/definitions\//, ''))}` : rewriteRefs(v);
    }
    if (typeof out.deprecated === 'string') {
      out.description = [out.description, `Deprecated: ${out.deprecated}`].filter(Boolean).join(' ');
      out.deprecated = true;
    }
    return out;
  }
  return value;
}
