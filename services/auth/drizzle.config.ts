import { defineConfig } from 'drizzle-kit';

/**
 * `NODE_OPTIONS='--conditions=source --import tsx' npx drizzle-kit generate --config services/auth/drizzle.config.ts`
 * writes SQL migrations to ./drizzle (the options let it resolve `#…` imports from the sources). The
 * `auth` schema itself is declared by the platform; each module declares its own tables.
 */
export default defineConfig({
  dialect: 'postgresql',
  schema: [
    './services/auth/src/platform/stores/postgres-schema.ts',
    './services/auth/src/modules/*/*.tables.ts',
  ],
  out: './services/auth/drizzle',
  schemaFilter: ['auth'],
});
