// Fastify's schema validation (Ajv) reports `body/minimum_investment must be >= 1`: this turns the
// failure into a sentence an operator can act on, and names the field apart for programs.

/** One Ajv error, the parts we read (Ajv's ErrorObject, with `verbose` the parent schema too). */
export interface SchemaIssue {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
  message?: string;
  parentSchema?: { description?: unknown };
}

const WHERE: Record<string, string> = {
  body: 'body field',
  querystring: 'query parameter',
  params: 'path parameter',
  headers: 'header',
};
const WHOLE: Record<string, string> = {
  body: 'the body',
  querystring: 'the query string',
  params: 'the path',
  headers: 'the headers',
};

const TYPES: Record<string, string> = {
  integer: 'a whole number',
  number: 'a number',
  string: 'text',
  boolean: 'true or false',
  object: 'a JSON object',
  array: 'a list',
  null: 'null',
};

const FORMATS: Record<string, string> = {
  date: 'a date such as 2024-02-01',
  'date-time': 'an ISO date-time such as 2024-02-01T10:00:00Z',
  uri: 'a URL such as https://example.com/page',
  email: 'an e-mail address',
};

const plural = (n: unknown, one: string) => `${String(n)} ${one}${n === 1 ? '' : 's'}`;

function expected(issue: SchemaIssue): string {
  const p = issue.params;
  const description = typeof issue.parentSchema?.description === 'string' ? issue.parentSchema.description : null;
  switch (issue.keyword) {
    case 'required':
      return 'is required';
    case 'type': {
      const types = Array.isArray(p.type) ? p.type : String(p.type).split(',');
      return `must be ${types.map((t) => TYPES[String(t)] ?? String(t)).join(' or ')}`;
    }
    case 'minimum':
      return `must be ${String(p.limit)} or more`;
    case 'maximum':
      return `must be ${String(p.limit)} or less`;
    case 'exclusiveMinimum':
      return `must be more than ${String(p.limit)}`;
    case 'exclusiveMaximum':
      return `must be less than ${String(p.limit)}`;
    case 'minLength':
      return p.limit === 1 ? 'must not be empty' : `must be at least ${plural(p.limit, 'character')} long`;
    case 'maxLength':
      return `must be at most ${plural(p.limit, 'character')} long`;
    case 'enum':
      return `must be one of: ${(p.allowedValues as unknown[]).map(String).join(', ')}`;
    case 'format':
      return `must be ${FORMATS[String(p.format)] ?? `in ${String(p.format)} format`}`;
    case 'anyOf':
    case 'oneOf':
      return description ? `must be ${description}` : 'is not in any of the accepted forms';
    case 'pattern':
      return description ? `must be ${description}` : 'is not in the expected form';
    case 'minProperties':
      return `must name at least ${plural(p.limit, 'field')}`;
    case 'additionalProperties':
      return 'is not a known field';
    case 'minItems':
      return `must have at least ${plural(p.limit, 'item')}`;
    case 'maxItems':
      return `must have at most ${plural(p.limit, 'item')}`;
    default:
      return issue.message ?? 'is not valid';
  }
}

/** The field an issue is about: `name`, `items[0].price`; null for the whole body or query. */
function fieldOf(issue: SchemaIssue): string | null {
  const parts = issue.instancePath.split('/').filter(Boolean);
  if (issue.keyword === 'required') parts.push(String(issue.params.missingProperty));
  if (issue.keyword === 'additionalProperties') parts.push(String(issue.params.additionalProperty));
  if (parts.length === 0) return null;
  return parts.map((x, i) => (/^\d+$/.test(x) ? `[${x}]` : i === 0 ? x : `.${x}`)).join('');
}

/**
 * One sentence for the first failure: `query parameter "limit" must be 500 or less`. An anyOf's
 * summary is preferred over the failures of its branches (they describe forms nobody asked for).
 */
export function describeValidation(context: string, issues: SchemaIssue[]): { message: string; field: string } {
  const issue = issues.find((i) => i.keyword === 'anyOf' || i.keyword === 'oneOf') ?? issues[0];
  if (!issue) return { message: `${WHOLE[context] ?? context} is not valid`, field: context };
  const field = fieldOf(issue);
  if (field === null) return { message: `${WHOLE[context] ?? context} ${expected(issue)}`, field: context };
  return { message: `${WHERE[context] ?? context} "${field}" ${expected(issue)}`, field };
}
