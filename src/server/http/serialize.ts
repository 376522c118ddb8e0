/**
 * Route option for the few very large responses (a 5,000-task plan is ~4 MB): serialize with
 * JSON.stringify and skip checking the answer against its zod schema on every request, which costs
 * as much as building it. The schema still documents the route in OpenAPI, the handler's return type
 * is the schema's type, and the route's database test parses real answers with the schema.
 */
export const unchecked = { serializerCompiler: () => (data: unknown) => JSON.stringify(data) };
