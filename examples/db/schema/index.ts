// The schema as the app imports it. drizzle-kit reads every file of this folder (drizzle.config.ts);
// policies.ts is not re-exported here, so that drizzle-kit sees each policy once.
export * from './comments';
export * from './invoices';
export * from './projects';
export * from './relations';
export * from './tasks';
export * from './tenants';
export * from './users';
