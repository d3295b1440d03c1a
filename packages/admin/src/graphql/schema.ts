import { buildSchema, introspectionFromSchema, type GraphQLSchema } from 'graphql';
// The SDL the API emits (packages/api/schema.graphql), bundled at build time: production has
// introspection off, and the console must speak exactly the API it was built against.
import sdl from '../../../api/schema.graphql?raw';

export const schema: GraphQLSchema = buildSchema(sdl);

/** The introspection result ra-data-graphql expects, computed locally from the SDL. */
export const introspection = introspectionFromSchema(schema).__schema;
