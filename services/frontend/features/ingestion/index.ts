/** Data sources (`/ingestion`): file upload, ingestion keys, code snippets and the demo loader. */
export { IngestionScreen } from './components/ingestion-screen';
