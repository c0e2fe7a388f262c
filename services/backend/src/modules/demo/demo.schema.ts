/** The demo-data route's wire schemas (shared with the frontend through `@netra/shared/contracts`). */
export { demoDataLoadedSchema, loadDemoDataBodySchema } from '@netra/shared/contracts';
