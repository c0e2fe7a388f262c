/**
 * What every agent of a run stands on: the run's context (who asked what, when the run started,
 * the thread's previous run), the events an agent emits while it works (§4.3), and the
 * dependencies agents read through. An agent is a small unit: typed input in, typed output out.
 * @module
 */
import type { PriceCatalog, UsageSource } from '@netra/optimizer';
import type { AgentName, ReportSummary, RequestGoal } from '@netra/shared/contracts';

/** The §4.3 events an agent emits while it works; each gets the run's next `seq`. */
export interface AgentEvents {
  thinking(text: string): Promise<void>;
  /** Emits `tool_executing`, runs `work`, emits `tool_completed` (ok or not) and returns its result. */
  tool<T>(
    tool: string,
    input: unknown,
    work: () => Promise<T>,
    summarize?: (output: T) => unknown,
  ): Promise<T>;
  progress(stage: string, progress?: number, message?: string): Promise<void>;
}

/** What a follow-up message in the same thread knows of the thread's last finished run. */
export interface PreviousRun {
  runId: string;
  reportId: string;
  goal: RequestGoal;
  summary: ReportSummary;
  opportunities: { id: string; kind: string; title: string; monthly_savings_usd: number }[];
}

export interface AgentContext {
  orgId: string;
  runId: string;
  threadId: string;
  userId: string;
  /** The user's message this run answers. */
  text: string;
  previous: PreviousRun | null;
  /** When the run was created: fixed across resumes, so a resumed run ends with the same report. */
  now: Date;
  /** Aborted when the run is cancelled or its step times out. */
  signal: AbortSignal;
  events: AgentEvents;
}

/** The optional LLM (classification and wording only; figures never come from it). */
export interface AgentLanguageModel {
  classify(text: string, signal?: AbortSignal): Promise<unknown>;
  phrase(facts: Record<string, unknown>, signal?: AbortSignal): Promise<string | undefined>;
}

/** A day of an organization's usage, for the Data agent. */
export interface DailyUsage {
  day: string;
  requests: number;
  cost_usd: number;
  errors: number;
  p95_latency_ms: number | null;
}

/** What agents read through: the engine's usage port, prices, the org's own vocabulary, URLs. */
export interface AgentDependencies {
  usage: UsageSource;
  /** The catalog with the organization's price overrides. */
  catalogFor(orgId: string): Promise<PriceCatalog>;
  /** Feature names present in the organization's usage (for triage entities). */
  featuresOf(orgId: string): Promise<string[]>;
  /** The latest event time of the organization, or null with no usage. */
  latestEventOf(orgId: string): Promise<Date | null>;
  dailyUsage(orgId: string, from: Date | undefined, to: Date | undefined): Promise<DailyUsage[]>;
  /** The backend's public base URL, for the organization's ingestion URLs. */
  publicApiUrl: string;
  llm: AgentLanguageModel | undefined;
}

/** One agent: a name, a time limit, and its work on typed input. */
export interface Agent<I, O> {
  name: AgentName;
  timeoutMs: number;
  run(input: I, context: AgentContext, deps: AgentDependencies): Promise<O>;
}
