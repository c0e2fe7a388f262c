CREATE TABLE "app"."recommendations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"report_id" uuid NOT NULL,
	"opportunity_id" text NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"scope" jsonb NOT NULL,
	"monthly_savings_usd" double precision NOT NULL,
	"proven" boolean NOT NULL,
	"status" text DEFAULT 'proposed' NOT NULL,
	"applied_at" timestamp (3) with time zone,
	"dismissed_reason" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "recommendations_status_check" CHECK ("app"."recommendations"."status" in ('proposed', 'applied', 'dismissed')),
	CONSTRAINT "recommendations_applied_check" CHECK (("app"."recommendations"."status" = 'applied') = ("app"."recommendations"."applied_at" is not null)),
	CONSTRAINT "recommendations_dismissed_check" CHECK (("app"."recommendations"."status" = 'dismissed') = ("app"."recommendations"."dismissed_reason" is not null))
);
--> statement-breakpoint
CREATE TABLE "app"."reports" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"run_id" uuid NOT NULL,
	"thread_id" uuid NOT NULL,
	"tier" text NOT NULL,
	"title" text NOT NULL,
	"report" jsonb NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reports_tier_check" CHECK ("app"."reports"."tier" in ('full', 'partial', 'guidance'))
);
--> statement-breakpoint
ALTER TABLE "app"."recommendations" ADD CONSTRAINT "recommendations_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "app"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app"."recommendations" ADD CONSTRAINT "recommendations_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "app"."reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app"."reports" ADD CONSTRAINT "reports_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "app"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app"."reports" ADD CONSTRAINT "reports_run_id_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "app"."runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app"."reports" ADD CONSTRAINT "reports_thread_id_threads_id_fk" FOREIGN KEY ("thread_id") REFERENCES "app"."threads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "recommendations_report_opportunity_idx" ON "app"."recommendations" USING btree ("report_id","opportunity_id");--> statement-breakpoint
CREATE INDEX "recommendations_org_recent_idx" ON "app"."recommendations" USING btree ("org_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "reports_org_recent_idx" ON "app"."reports" USING btree ("org_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "reports_run_idx" ON "app"."reports" USING btree ("run_id");