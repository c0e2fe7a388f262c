CREATE TABLE "app"."price_overrides" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"spec" jsonb NOT NULL,
	"target" text NOT NULL,
	"effective_from" timestamp with time zone,
	"effective_to" timestamp with time zone,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "price_overrides_range_check" CHECK ("app"."price_overrides"."effective_from" is null or "app"."price_overrides"."effective_to" is null or "app"."price_overrides"."effective_from" < "app"."price_overrides"."effective_to")
);
--> statement-breakpoint
CREATE TABLE "app"."org_settings" (
	"org_id" uuid PRIMARY KEY NOT NULL,
	"retention_days" integer,
	"store_prompts" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "org_settings_retention_check" CHECK ("app"."org_settings"."retention_days" is null or "app"."org_settings"."retention_days" between 1 and 3650)
);
--> statement-breakpoint
ALTER TABLE "app"."price_overrides" ADD CONSTRAINT "price_overrides_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "app"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app"."org_settings" ADD CONSTRAINT "org_settings_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "app"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "price_overrides_org_target_idx" ON "app"."price_overrides" USING btree ("org_id","target");--> statement-breakpoint
CREATE INDEX "org_settings_retention_idx" ON "app"."org_settings" USING btree ("org_id") WHERE "app"."org_settings"."retention_days" is not null;--> statement-breakpoint
-- Organizations that had opted in through the old settings document keep prompt storage on.
INSERT INTO "app"."org_settings" ("org_id", "store_prompts") SELECT "id", true FROM "app"."organizations" WHERE "settings"->>'store_prompts' = 'true';
