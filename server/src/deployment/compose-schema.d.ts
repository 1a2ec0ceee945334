// The standalone validator that scripts/compose-schema.mjs generates from the compose specification.
export interface ComposeSchemaError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}
export interface ComposeValidator {
  (data: unknown): boolean;
  errors?: ComposeSchemaError[] | null;
}
export const validate: ComposeValidator;
export default validate;
