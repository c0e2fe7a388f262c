/**
 * The one place that wires the backend: store connectors → repositories → services → routes.
 * Nothing else constructs a repository or a service.
 * @module
 */
import { createPriceCatalog } from '@netra/optimizer';
import { isDeployedEnvironment } from '@netra/shared';
import { createLogger, packageVersion, type Logger } from '@netra/shared/server';
import { closeAll, createPlatformApp, type ServiceStores } from '@netra/shared/http';
import type { HotStore } from '@netra/shared/redis';
import type { FastifyInstance } from 'fastify';
import type { BackendConfig } from '#config.js';
import { AnalyticsRepository } from '#modules/analytics/analytics.repository.js';
import { registerAnalyticsRoutes } from '#modules/analytics/analytics.routes.js';
import { AnalyticsService } from '#modules/analytics/analytics.service.js';
import { ApiKeysRepository } from '#modules/api-keys/api-keys.repository.js';
import { registerApiKeyRoutes } from '#modules/api-keys/api-keys.routes.js';
import { ApiKeysService } from '#modules/api-keys/api-keys.service.js';
import { provisionDevelopmentKey } from '#modules/api-keys/development-key.js';
import { BillingRepository } from '#modules/billing/billing.repository.js';
import { AlertEvaluationService } from '#modules/budgets/alert-evaluation.service.js';
import { alertsWorkerQueue, evaluateAfterIngestion, openAlertsQueue } from '#modules/budgets/alert-jobs.js';
import { registerAlertRoutes } from '#modules/budgets/alerts.routes.js';
import { BudgetUsageRepository } from '#modules/budgets/budget-usage.repository.js';
import { BudgetsRepository } from '#modules/budgets/budgets.repository.js';
import { registerBudgetRoutes } from '#modules/budgets/budgets.routes.js';
import { BudgetsService } from '#modules/budgets/budgets.service.js';
import { registerBillingRoutes } from '#modules/billing/billing.routes.js';
import { BillingService } from '#modules/billing/billing.service.js';
import { DemoRepository } from '#modules/demo/demo.repository.js';
import { registerDemoRoutes } from '#modules/demo/demo.routes.js';
import { DemoService } from '#modules/demo/demo.service.js';
import { loadDemoOnFirstStart } from '#modules/demo/demo-first-start.js';
import { compileEventValidator } from '#modules/ingestion/event-validator.js';
import {
  registerFileImportRoutes,
  registerMemberFileImportRoutes,
} from '#modules/ingestion/file-import.routes.js';
import { IngestionService } from '#modules/ingestion/ingest.service.js';
import { registerIngestRoutes } from '#modules/ingestion/ingest.routes.js';
import { IngestionLimiter } from '#modules/ingestion/ingestion-limiter.js';
import { registerOtlpRoutes } from '#modules/ingestion/otlp.routes.js';
import { InvitationsRepository } from '#modules/invitations/invitations.repository.js';
import { registerInvitationRoutes } from '#modules/invitations/invitations.routes.js';
import { InvitationsService } from '#modules/invitations/invitations.service.js';
import { DEVELOPMENT_ORG } from '#modules/organizations/development-org.js';
import { OrganizationsRepository } from '#modules/organizations/organizations.repository.js';
import { registerOrganizationRoutes } from '#modules/organizations/organizations.routes.js';
import { OrganizationsService } from '#modules/organizations/organizations.service.js';
import { PricingRepository } from '#modules/pricing/pricing.repository.js';
import { registerPricingRoutes } from '#modules/pricing/pricing.routes.js';
import { PricingService } from '#modules/pricing/pricing.service.js';
import { RepriceService } from '#modules/pricing/reprice.service.js';
import { RealizedUsageRepository } from '#modules/recommendations/realized-usage.repository.js';
import { RecommendationsRepository } from '#modules/recommendations/recommendations.repository.js';
import { registerRecommendationRoutes } from '#modules/recommendations/recommendations.routes.js';
import { RecommendationsService } from '#modules/recommendations/recommendations.service.js';
import { ReportsRepository } from '#modules/reports/reports.repository.js';
import { registerReportRoutes } from '#modules/reports/reports.routes.js';
import { ReportsService } from '#modules/reports/reports.service.js';
import { SettingsRepository } from '#modules/settings/settings.repository.js';
import { registerSettingsRoutes } from '#modules/settings/settings.routes.js';
import { SettingsService } from '#modules/settings/settings.service.js';
import { AgentPipeline } from '#modules/agents/agent-pipeline.js';
import { AgentsRepository } from '#modules/agents/agents.repository.js';
import { AgentLlm } from '#modules/agents/llm/agent-llm.js';
import { llmSettings } from '#modules/agents/llm/llm.config.js';
import { openRunsQueue } from '#modules/runs/run-jobs.js';
import { registerRunRoutes } from '#modules/runs/runs.routes.js';
import type { RunsService } from '#modules/runs/runs.service.js';
import { createRunsService, startRunsWorker } from '#modules/runs/runs-wiring.js';
import { ThreadsRepository } from '#modules/threads/threads.repository.js';
import { registerThreadRoutes } from '#modules/threads/threads.routes.js';
import { ThreadsService } from '#modules/threads/threads.service.js';
import { UsersRepository } from '#modules/users/users.repository.js';
import { registerWebSocketGateway } from '#modules/ws/ws.gateway.js';
import { registerMeRoutes } from '#modules/users/users.routes.js';
import { UsersService } from '#modules/users/users.service.js';
import { UsageRepository } from '#modules/usage/usage.repository.js';
import { UsageAnalysisSource } from '#modules/usage/usage-analysis-source.js';
import { UsageWriter } from '#modules/usage/usage-writer.js';
import { RepricingEventReader } from '#modules/usage/usage-reprice-events.js';
import { UsageRetention } from '#modules/usage/usage-retention.js';
import { UsageExportRepository } from '#modules/usage-export/usage-export.repository.js';
import { registerUsageExportRoutes } from '#modules/usage-export/usage-export.routes.js';
import { UsageExportService } from '#modules/usage-export/usage-export.service.js';
import type { GuardedRoute } from '#platform/http/access.js';
import { installGuard, type GuardDependencies } from '#platform/http/current-user.js';
import { installOpenApi, registerOpenApiDocument } from '#platform/http/openapi.js';
import { RequestRateLimiter } from '#platform/http/rate-limiter.js';
import { decodeCompressedBodies } from '#platform/http/request-decoding.js';
import {
  createBackendMetrics,
  installRequestMetrics,
  meterIngestion,
  registerMetricsRoute,
  type BackendMetrics,
} from '#platform/http/metrics.js';
import { RouteRegistry } from '#platform/http/route-registry.js';
import { createBackendTokenVerifier } from '#platform/http/token-verifier.js';
import { openBackendStores, type BackendStores } from '#platform/stores/index.js';
import { openAuthRevocationView } from '#platform/stores/redis.js';
import { openBackendPostgres } from '#platform/stores/postgres.js';
import type { JobQueue } from '#platform/queue/index.js';
import type { HousekeepingTask } from '#platform/runtime/housekeeping.js';
import { startJobWorker, type JobWorker } from '#platform/runtime/worker.js';
import type { OrganizationRow } from '#modules/organizations/organizations.tables.js';

/** The services the routes (and the worker) call. */
export interface BackendServices {
  apiKeys: ApiKeysService;
  organizations: OrganizationsService;
  invitations: InvitationsService;
  threads: ThreadsService;
  /** Agent runs: started, read, cancelled and replayed over REST; executed by the worker role. */
  runs: RunsService;
  /** Run reports (saved by runs) and their recommendations with realized savings. */
  reports: ReportsService;
  recommendations: RecommendationsService;
  users: UsersService;
  ingestion: IngestionService;
  /** The demo workload, loaded through ingestion (on request, and on development's first start). */
  demo: DemoService;
  billing: BillingService;
  budgets: BudgetsService;
  /** Budget evaluation and alert delivery (jobs of the worker role). */
  alerts: AlertEvaluationService;
  pricing: PricingService;
  reprice: RepriceService;
  settings: SettingsService;
  analytics: AnalyticsService;
  usageExport: UsageExportService;
  ingestionLimiter: IngestionLimiter;
  rateLimiter: RequestRateLimiter;
}

/** The composed backend: its stores, the usage read model and write path, and the services. */
export interface Backend extends ServiceStores {
  config: BackendConfig;
  stores: BackendStores;
  /** Usage events in ClickHouse: the read model and the raw insert path. */
  usage: UsageRepository;
  /** Where ingestion hands accepted usage: batched, idempotent, resolves once durable. */
  usageSink: UsageWriter;
  /** The engine's typed view of usage (analyses); its scratch database is cleaned at open. */
  usageAnalysis: UsageAnalysisSource;
  services: BackendServices;
  /** Alert evaluations and webhook deliveries, added by either role and run by the worker role. */
  alertsQueue: JobQueue;
  /** `execute-run` jobs, added by the API role and run by the worker role. */
  runsQueue: JobQueue;
  /** The auth service's revocation list in the shared Redis (server mode only). */
  authRevocations: HotStore | undefined;
  /** This instance's Prometheus registry: HTTP, store calls, ingestion, process. */
  metrics: BackendMetrics;
}

function createUsageSink(config: BackendConfig, usage: UsageRepository): UsageWriter {
  return new UsageWriter(usage, {
    maxBatchRows: config.values.INGEST_BATCH_ROWS,
    flushIntervalMs: config.values.INGEST_FLUSH_MS,
    maxPendingRows: config.values.INGEST_MAX_PENDING_ROWS,
  });
}

/** Ingestion applies each organization's settings (prompt text) and prices (its overrides over time). */
function createIngestion(usageSink: UsageWriter, settings: SettingsService, pricing: PricingService) {
  return new IngestionService({
    sink: usageSink,
    pricer: createPriceCatalog(),
    validate: compileEventValidator(),
    policyOf: async (orgId) => ({
      ...(await settings.policyOf(orgId)),
      pricer: await pricing.pricerFor(orgId),
    }),
  });
}

/** Price overrides, what-if re-pricing and data settings (retention, prompt text). */
function createPricingAndSettings(stores: BackendStores) {
  const pricing = new PricingService(new PricingRepository(stores.postgres.db), createPriceCatalog());
  return {
    pricing,
    reprice: new RepriceService(pricing, new RepricingEventReader(stores.clickhouse)),
    settings: new SettingsService(
      new SettingsRepository(stores.postgres.db),
      new UsageRetention(stores.clickhouse),
    ),
  };
}

/** Run reports and their recommendations (realized savings read usage from ClickHouse). */
function createReportServices(stores: BackendStores) {
  return {
    reports: new ReportsService(new ReportsRepository(stores.postgres.db)),
    recommendations: new RecommendationsService(
      new RecommendationsRepository(stores.postgres.db),
      new RealizedUsageRepository(stores.clickhouse),
    ),
  };
}

function createServices(
  config: BackendConfig,
  stores: BackendStores,
  usageSink: UsageWriter,
): Omit<BackendServices, 'budgets' | 'alerts' | 'runs'> {
  const db = stores.postgres.db;
  const organizationsRepository = new OrganizationsRepository(db);
  const organizations = new OrganizationsService(organizationsRepository, {
    developmentOwnerEmail: config.environment === 'development' ? config.values.DEV_LOGIN_EMAIL : undefined,
  });
  const rateLimiter = new RequestRateLimiter(stores.redis);
  const priced = createPricingAndSettings(stores);
  const ingestion = createIngestion(usageSink, priced.settings, priced.pricing);
  return {
    ...priced,
    apiKeys: new ApiKeysService(new ApiKeysRepository(db)),
    organizations,
    invitations: new InvitationsService(new InvitationsRepository(db), organizations),
    threads: new ThreadsService(new ThreadsRepository(db)),
    ...createReportServices(stores),
    users: new UsersService(new UsersRepository(db)),
    ingestion,
    demo: new DemoService(new DemoRepository(stores.clickhouse), ingestion),
    billing: new BillingService(new BillingRepository(stores.clickhouse), createPriceCatalog()),
    usageExport: new UsageExportService(new UsageExportRepository(stores.clickhouse), createPriceCatalog()),
    analytics: new AnalyticsService(new AnalyticsRepository(stores.clickhouse)),
    ingestionLimiter: new IngestionLimiter(rateLimiter, config.values.INGEST_REQUESTS_PER_MIN),
    rateLimiter,
  };
}

function createAlertEvaluation(config: BackendConfig, stores: BackendStores, queue: JobQueue) {
  const { values } = config;
  return new AlertEvaluationService({
    repository: new BudgetsRepository(stores.postgres.db),
    usage: new BudgetUsageRepository(stores.clickhouse),
    queue,
    hot: stores.redis,
    options: {
      debounceMs: values.ALERTS_DEBOUNCE_MS,
      deliveryAttempts: values.ALERTS_WEBHOOK_ATTEMPTS,
      deliveryBackoffMs: values.ALERTS_WEBHOOK_BACKOFF_MS,
      allowInternalTargets: !isDeployedEnvironment(config.environment),
    },
  });
}

/**
 * In development the local organization gets an ingestion key at once, so usage can be sent right
 * away, and on the first start (no usage yet) the demo workload unless DEMO_DATA_ON_FIRST_START=false.
 */
async function prepareDevelopment(backend: Backend, logger: Logger): Promise<void> {
  if (backend.config.environment !== 'development') {
    return;
  }
  const org = await new OrganizationsRepository(backend.stores.postgres.db).ensure(
    DEVELOPMENT_ORG.slug,
    DEVELOPMENT_ORG.name,
  );
  await provisionDevelopmentKey(backend.services.apiKeys, org.id, backend.config.values.NETRA_DATA_DIR);
  if (backend.config.values.DEMO_DATA_ON_FIRST_START) {
    await loadDemoOnFirstStart(backend.services.demo, org.id, logger);
  }
}

/** Opens the stores and composes the backend; a failure closes whatever was opened. */
export async function openBackend(config: BackendConfig): Promise<Backend> {
  const metrics = createBackendMetrics();
  const stores = await openBackendStores(config, { observeCalls: metrics.observeStoreCall });
  const usage = new UsageRepository(stores.clickhouse);
  const usageSink = createUsageSink(config, usage);
  const authRevocations = openAuthRevocationView(config);
  const logger = createLogger({ service: 'backend', level: config.values.LOG_LEVEL });
  const alertsQueue = openAlertsQueue(stores.redis, logger);
  const alerts = createAlertEvaluation(config, stores, alertsQueue);
  const runsQueue = openRunsQueue(stores.redis, logger, config.values.RUN_WORKER_CONCURRENCY);
  const services = createServices(config, stores, usageSink);
  const backend: Backend = {
    config,
    stores,
    usage,
    usageSink,
    usageAnalysis: new UsageAnalysisSource(stores.clickhouse, usage),
    services: {
      ...services,
      runs: createRunsService(
        { config, stores, metrics },
        { queue: runsQueue, threads: services.threads, logger },
      ),
      budgets: new BudgetsService(
        new BudgetsRepository(stores.postgres.db),
        new BudgetUsageRepository(stores.clickhouse),
        { allowInternalTargets: !isDeployedEnvironment(config.environment) },
      ),
      alerts,
    },
    alertsQueue,
    runsQueue,
    authRevocations,
    metrics,
    probes: () => stores.probes(),
    // The writer's last flush needs ClickHouse open, so it closes before the stores; so do alert jobs.
    close: () =>
      usageSink
        .close()
        .finally(() => alertsQueue.close())
        .finally(() => runsQueue.close())
        .finally(() => closeAll([stores, ...(authRevocations === undefined ? [] : [authRevocations])])),
  };
  meterIngestion(backend.services.ingestion, metrics);
  evaluateAfterIngestion(backend.services.ingestion, alerts, logger);
  try {
    await backend.usageAnalysis.scratch.reset();
    await prepareDevelopment(backend, logger);
    return backend;
  } catch (error) {
    await backend.close();
    throw error;
  }
}

/** What the key command line needs: PostgreSQL only, so it works while ClickHouse is elsewhere. */
export interface KeyAdministration {
  apiKeys: ApiKeysService;
  developmentOrg: () => Promise<OrganizationRow>;
  close(): Promise<void>;
}

export async function openKeyAdministration(config: BackendConfig): Promise<KeyAdministration> {
  const postgres = await openBackendPostgres(config);
  const organizations = new OrganizationsRepository(postgres.db);
  return {
    apiKeys: new ApiKeysService(new ApiKeysRepository(postgres.db)),
    developmentOrg: () => organizations.ensure(DEVELOPMENT_ORG.slug, DEVELOPMENT_ORG.name),
    close: () => postgres.close(),
  };
}

function guardDependencies(backend: Backend): GuardDependencies {
  const { users, organizations, rateLimiter } = backend.services;
  return {
    verify: createBackendTokenVerifier(backend.config.values.AUTH_SERVICE_URL, backend.authRevocations),
    onAuthenticated: async (principal) => {
      const visit = await users.recordVisit(principal);
      if (visit !== 'recent') {
        await organizations.welcome(principal, visit === 'new');
      }
    },
    roleOf: (userId, orgId) => organizations.roleOf(userId, orgId),
    limiter: rateLimiter,
    requestsPerUserPerMinute: backend.config.values.API_REQUESTS_PER_USER_PER_MIN,
  };
}

/** The REST routes of the signed-in user: each declares its access, the guard enforces it. */
function registerUserRoutes(app: FastifyInstance, backend: Backend, registry: RouteRegistry): void {
  const { services } = backend;
  void app.register((scope, _options, done) => {
    registry.requireDeclared(scope);
    registerMeRoutes(scope, services.organizations);
    registerOrganizationRoutes(scope, services.organizations);
    registerInvitationRoutes(scope, services.invitations);
    registerApiKeyRoutes(scope, services.apiKeys);
    registerThreadRoutes(scope, services.threads);
    registerRunRoutes(scope, services.runs);
    registerReportRoutes(scope, services.reports);
    registerRecommendationRoutes(scope, services.recommendations);
    registerBillingRoutes(scope, services.billing);
    registerBudgetRoutes(scope, services.budgets);
    registerAlertRoutes(scope, services.budgets);
    registerPricingRoutes(scope, services);
    registerSettingsRoutes(scope, services.settings);
    registerAnalyticsRoutes(scope, services.analytics);
    registerUsageExportRoutes(scope, services.usageExport);
    registerDemoRoutes(scope, services.demo);
    registerMemberFileImportRoutes(scope, { ingestion: services.ingestion, billing: services.billing });
    done();
  });
}

/** The ingestion routes: an ingestion API key and nothing else reaches them. */
function registerIngestionRoutes(app: FastifyInstance, backend: Backend, registry: RouteRegistry): void {
  const { services } = backend;
  const auth = { apiKeys: services.apiKeys, limiter: services.ingestionLimiter };
  void app.register((scope, _options, done) => {
    registry.grant(scope, 'ingestion');
    decodeCompressedBodies(scope);
    registerIngestRoutes(scope, { ingestion: services.ingestion, auth });
    registerOtlpRoutes(scope, { ingestion: services.ingestion, auth });
    registerFileImportRoutes(scope, { ingestion: services.ingestion, billing: services.billing, auth });
    done();
  });
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route with its declared access, for the authorization matrix. */
    guardedRoutes: GuardedRoute[];
  }
}

/** Builds the backend HTTP app without listening, so tests can drive it in-process. */
export function buildBackendApp(deps: {
  config: BackendConfig;
  logger: Logger;
  stores: Backend;
}): FastifyInstance {
  const backend = deps.stores;
  const app = createPlatformApp({ service: 'backend', moduleUrl: import.meta.url, ...deps });
  const registry = new RouteRegistry();
  app.decorate('guardedRoutes', registry.routes);
  installOpenApi(app, packageVersion(import.meta.url));
  const guard = guardDependencies(backend);
  installGuard(app, guard);
  installRequestMetrics(app, backend.metrics);
  void app.register((scope, _options, done) => {
    registry.grant(scope, 'public');
    registerOpenApiDocument(scope);
    registerMetricsRoute(scope, backend.metrics);
    done();
  });
  registerIngestionRoutes(app, backend, registry);
  registerUserRoutes(app, backend, registry);
  const values = deps.config.values;
  registerWebSocketGateway(app, {
    guard,
    runs: backend.services.runs,
    threads: backend.services.threads,
    hot: backend.stores.redis,
    metrics: backend.metrics.registry,
    config: deps.config,
    logger: deps.logger,
    limits: {
      heartbeatMs: values.WS_HEARTBEAT_MS,
      maxConnectionsPerUser: values.WS_MAX_CONNECTIONS_PER_USER,
      maxBufferedBytes: values.WS_MAX_BUFFERED_BYTES,
      authRecheckMs: values.WS_AUTH_RECHECK_MS,
    },
  });
  return app;
}

/**
 * The chores the worker role's housekeeping job runs (every 10 minutes, the first at start); each is
 * a service call, e.g. purging expired invitations. One that fails does not keep the others from running.
 */
function housekeepingTasks(backend: Backend): HousekeepingTask[] {
  return [
    {
      name: 'purge-ended-invitations',
      run: async () => {
        await backend.services.invitations.purgeEnded();
      },
    },
    {
      name: 'enforce-usage-retention',
      run: async () => {
        await backend.services.settings.enforceRetention();
      },
    },
  ];
}

/** The worker role: the job processors, on the backend's Redis (or in process when embedded). */
export async function startWorker(backend: Backend, logger: Logger): Promise<JobWorker> {
  const alerts = alertsWorkerQueue(
    backend.alertsQueue,
    backend.services.alerts,
    backend.config.values.ALERTS_EVALUATE_EVERY_MS,
  );
  const jobs = await startJobWorker({
    redis: backend.stores.redis,
    logger,
    housekeeping: housekeepingTasks(backend),
    queues: [alerts],
  });
  const runs = startRunsWorker(backend, logger, {
    pipeline: createAgentPipeline(backend, logger),
    reports: { save: (input) => backend.services.reports.saveRunReport(input) },
  });
  return { close: () => runs.close().finally(() => jobs.close()) };
}

/** The agents of runs (ARCHITECTURE §3) and what they read through. */
function createAgentPipeline(backend: Backend, logger: Logger): AgentPipeline {
  const agents = new AgentsRepository(backend.stores.clickhouse);
  const { pricing } = backend.services;
  return new AgentPipeline({
    usage: backend.usageAnalysis,
    catalogFor: (orgId) => pricing.pricerFor(orgId).then((timeline) => timeline.catalogAt(new Date())),
    featuresOf: (orgId) => agents.featuresOf(orgId),
    latestEventOf: (orgId) => agents.latestEventOf(orgId),
    dailyUsage: (orgId, from, to) => agents.dailyUsage(orgId, from, to),
    publicApiUrl: backend.config.values.BACKEND_PUBLIC_URL,
    llm: AgentLlm.fromSettings(llmSettings(backend.config.values), logger),
  });
}
