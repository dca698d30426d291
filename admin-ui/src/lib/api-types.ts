import type { components, operations } from './api-schema';

/** Request bodies, generated from the server's OpenAPI document (`npm run openapi`). */
export type Schema<Name extends keyof components['schemas']> = components['schemas'][Name];

/** Query parameters of one endpoint, by its OpenAPI operation id. */
export type QueryOf<Operation extends keyof operations> = NonNullable<operations[Operation]['parameters']['query']>;
