CREATE TABLE "app"."alerts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"budget_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"threshold_pct" integer DEFAULT 0 NOT NULL,
	"period" text NOT NULL,
	"details" jsonb NOT NULL,
	"fired_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "alerts_kind_check" CHECK ("app"."alerts"."kind" in ('threshold_crossed', 'threshold_forecast', 'spend_anomaly', 'error_rate_anomaly'))
);
--> statement-breakpoint
CREATE TABLE "app"."budgets" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"name" text NOT NULL,
	"amount_usd" double precision NOT NULL,
	"scope_kind" text NOT NULL,
	"scope_value" text DEFAULT '' NOT NULL,
	"thresholds" integer[] NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "budgets_amount_check" CHECK ("app"."budgets"."amount_usd" > 0),
	CONSTRAINT "budgets_scope_check" CHECK ("app"."budgets"."scope_kind" in ('org', 'feature', 'model', 'provider', 'user_id', 'tag'))
);
--> statement-breakpoint
CREATE TABLE "app"."webhook_targets" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"url" text NOT NULL,
	"format" text NOT NULL,
	"secret" text NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "webhook_targets_format_check" CHECK ("app"."webhook_targets"."format" in ('generic', 'slack'))
);
--> statement-breakpoint
ALTER TABLE "app"."alerts" ADD CONSTRAINT "alerts_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "app"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app"."alerts" ADD CONSTRAINT "alerts_budget_id_budgets_id_fk" FOREIGN KEY ("budget_id") REFERENCES "app"."budgets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app"."budgets" ADD CONSTRAINT "budgets_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "app"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app"."webhook_targets" ADD CONSTRAINT "webhook_targets_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "app"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "alerts_once_key" ON "app"."alerts" USING btree ("budget_id","kind","threshold_pct","period");--> statement-breakpoint
CREATE INDEX "alerts_org_recent_idx" ON "app"."alerts" USING btree ("org_id","fired_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "budgets_org_idx" ON "app"."budgets" USING btree ("org_id","created_at");--> statement-breakpoint
CREATE INDEX "webhook_targets_org_idx" ON "app"."webhook_targets" USING btree ("org_id");