/**
 * A RunPipeline that streams: its second agent (after triage, which a test can hold) emits `count` thinking events of `bytes` characters,
 * one every `intervalMs`, then the scripted agents finish the run. Lets WebSocket tests push a
 * known volume through the gateway at a steady rate.
 * @module
 */
import type { AgentName } from '@netra/shared/contracts';
import type { AgentContext } from '#modules/agents/agent.js';
import type { StepResult } from '#modules/agents/step-outcome.js';
import type { WorkflowState } from '#modules/agents/workflow-state.js';
import { ScriptedPipeline, SCRIPTED_AGENTS } from '#test-support/runs/scripted-pipeline.js';

export interface ChattyVolume {
  count: number;
  bytes: number;
  intervalMs: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class ChattyPipeline extends ScriptedPipeline {
  constructor(private readonly volume: ChattyVolume) {
    super();
  }

  override async step(agent: AgentName, state: WorkflowState, context: AgentContext): Promise<StepResult> {
    if (agent === SCRIPTED_AGENTS[1]) {
      const { count, bytes, intervalMs } = this.volume;
      for (let index = 0; index < count && !context.signal.aborted; index += 1) {
        const label = `chunk ${index} `;
        await context.events.thinking(label.padEnd(bytes, 'x'));
        await sleep(intervalMs);
      }
    }
    return super.step(agent, state, context);
  }
}
