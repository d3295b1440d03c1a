export * from './errors';
export * from './passwords';
export * from './permissions';
export * from './roles';
export * from './thresholds';
export { subject } from '@casl/ability';
