/**
 * `/ws` isolation under load: five users, each in an organization of their own, two of them also
 * in one shared organization, hold several real `ws` connections each against the in-process
 * backend on a port. 23 runs (scripted pipeline, held inside an agent) are in flight at once.
 * Every connection receives exactly the runs it started or subscribed to, as stored, and not one
 * frame naming another run, its thread or its report (the raw text of every frame is searched, not
 * only `run_id` fields); a same-user connection subscribing mid-run gets exactly the rest; a
 * connection that follows nothing gets nothing, even in the organization where the runs execute; the
 * other member of the shared organization asking to follow a run there is refused and gets none of it.
 * @module
 */
import type { RunEvent } from '@netra/shared/contracts';
import { organizationSchema } from '@netra/shared/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWsStack, type WsStack } from '#test-support/ws/ws-stack.js';
import type { AuthServiceFixture, TestUser } from '#test-support/auth-service.js';
import type { BackendTestApp } from '#test-support/backend-app.js';
import { PlatformClient } from '#test-support/platform-client.js';
import { ScriptedPipeline } from '#test-support/runs/scripted-pipeline.js';
import { fromZero, WatchedSocket } from '#test-support/ws/watched-socket.js';
import {
  idsOfRun,
  startRunsOver,
  storedEventsOf,
  type StartedRun,
} from '#test-support/ws/ws-isolation-helpers.js';

const USERS = 5;
const RUNS_PER_USER = 4;
/** Runs the two members start in the shared organization (the first, the second). */
const SHARED_RUNS = [2, 1] as const;
/** The second member's connection in the shared organization that asks to follow the first one's run. */
const INTRUDER = 'user 1 shared intruder';

/** One connection: what it is for, and the runs it started or subscribed to (all it may see). */
interface Connection {
  label: string;
  socket: WatchedSocket;
  follows: Set<string>;
}

interface Member {
  user: TestUser;
  orgId: string;
  starter: Connection;
  late: Connection;
  watcher: Connection;
}

/** A subscription made mid-run: everything after `afterSeq` must arrive, nothing before it. */
interface MidRun {
  connection: Connection;
  run: StartedRun;
  afterSeq: number;
}

let stack: WsStack;
let auth: AuthServiceFixture;
let test: BackendTestApp;
const pipeline = new ScriptedPipeline();
let baseUrl = '';
const connections: Connection[] = [];
const runs: StartedRun[] = [];
const midRuns: MidRun[] = [];
let heldAtOnce = 0;
let intruder: Connection | undefined;
let stored = new Map<string, RunEvent[]>();

async function connect(label: string, user: TestUser, orgId: string): Promise<Connection> {
  const connection = {
    label,
    socket: await WatchedSocket.connect(baseUrl, user, orgId),
    follows: new Set<string>(),
  };
  connections.push(connection);
  return connection;
}

async function newMember(index: number): Promise<Member> {
  const user = await auth.register(`ws-iso-${index}`);
  const orgId = await new PlatformClient(baseUrl, user).personalOrg();
  const [starter, late, watcher] = await Promise.all(
    ['starter', 'late', 'watcher'].map((role) => connect(`user ${index} ${role}`, user, orgId)),
  );
  return {
    user,
    orgId,
    starter: starter as Connection,
    late: late as Connection,
    watcher: watcher as Connection,
  };
}

/** An organization owned by `owner` with `member` added as a member. */
async function sharedOrganization(owner: TestUser, member: TestUser): Promise<string> {
  const body = await new PlatformClient(baseUrl, owner).ok('POST', '/orgs', { name: 'Shared by two' });
  const org = organizationSchema.parse(body);
  await test.backend.services.organizations.addMember(org.id, member.id, 'member');
  return org.id;
}

/** Starts `count` held runs over the connection; they become what it follows. */
async function startHeld(connection: Connection, user: TestUser, orgId: string, count: number) {
  const texts = Array.from(
    { length: count },
    (_unused, index) => `${connection.label} run ${index} ${pipeline.holdText('data_helper')}`,
  );
  const started = await startRunsOver(baseUrl, connection.socket, { user, orgId, texts });
  for (const run of started) {
    connection.follows.add(run.runId);
  }
  runs.push(...started);
  return started;
}

/** Subscribes the connection to the run after half of what is stored so far (the run is held). */
async function subscribeMidRun(connection: Connection, run: StartedRun): Promise<void> {
  const sofar = await new PlatformClient(baseUrl, run.user).events(run.orgId, run.runId);
  const afterSeq = Math.floor(sofar.length / 2);
  connection.follows.add(run.runId);
  connection.socket.send({ type: 'subscribe_run', payload: { run_id: run.runId, after_seq: afterSeq } });
  midRuns.push({ connection, run, afterSeq });
}

/**
 * The shared organization's connections: both members start runs; the first also follows one of
 * its runs from a second tab; the second watches, and asks to follow the first one's run.
 */
async function sharedConnections(first: Member, second: Member) {
  const orgId = await sharedOrganization(first.user, second.user);
  const [firstStarter, secondStarter, follower, intruder] = await Promise.all([
    connect('user 0 shared starter', first.user, orgId),
    connect('user 1 shared starter', second.user, orgId),
    connect('user 0 shared follower', first.user, orgId),
    connect(INTRUDER, second.user, orgId),
    connect('user 1 shared watcher', second.user, orgId),
  ]);
  return { orgId, firstStarter, secondStarter, follower, intruder };
}

/** How many runs REST reports running while every run is held. */
async function runningNow(): Promise<number> {
  const statuses = await Promise.all(
    runs.map(async (run) => (await new PlatformClient(baseUrl, run.user).run(run.orgId, run.runId)).status),
  );
  return statuses.filter((status) => status === 'running').length;
}

/** Five users with their connections and 23 held runs; mid-run subscriptions; then every run released. */
async function playScenario(): Promise<void> {
  const members = await Promise.all(Array.from({ length: USERS }, (_unused, index) => newMember(index)));
  const shared = await sharedConnections(members[0] as Member, members[1] as Member);
  const [personal, sharedFirst] = await Promise.all([
    Promise.all(members.map((m) => startHeld(m.starter, m.user, m.orgId, RUNS_PER_USER))),
    startHeld(shared.firstStarter, members[0]?.user as TestUser, shared.orgId, SHARED_RUNS[0]),
    startHeld(shared.secondStarter, members[1]?.user as TestUser, shared.orgId, SHARED_RUNS[1]),
  ]);
  await Promise.all(runs.map((run) => pipeline.reached(run.runId)));
  heldAtOnce = await runningNow();
  await Promise.all(members.map((m, index) => subscribeMidRun(m.late, personal[index]?.[0] as StartedRun)));
  await subscribeMidRun(shared.follower, sharedFirst[0] as StartedRun);
  // Another member of the organization asks for the same run: refused, it is not theirs.
  shared.intruder.socket.send({ type: 'subscribe_run', payload: { run_id: sharedFirst[0]?.runId ?? '' } });
  intruder = shared.intruder;
  for (const run of runs) {
    pipeline.release(run.runId);
  }
  await untilEveryFollowedRunEnded();
  stored = await storedEventsOf(baseUrl, runs);
}

async function untilEveryFollowedRunEnded(): Promise<void> {
  await Promise.all(
    connections.flatMap(({ socket, follows }) => [...follows].map((runId) => socket.untilEnded(runId))),
  );
  await Promise.all(connections.map(({ socket }) => socket.settled()));
}

function storedOf(runId: string): RunEvent[] {
  return stored.get(runId) ?? [];
}

beforeAll(async () => {
  stack = await startWsStack('ws-isolation', pipeline, {
    RUN_CONCURRENCY_PER_ORG: '8',
    RUN_WORKER_CONCURRENCY: '32',
  });
  ({ auth, test, baseUrl } = stack);
  const started = Date.now();
  await playScenario();
  const frames = connections.reduce((sum, { socket }) => sum + socket.frames.length, 0);
  process.stdout.write(
    `[ws-isolation] ${heldAtOnce} of ${runs.length} runs running at once (all held) over ${connections.length} connections; ` +
      `${frames} frames received; scenario ${Date.now() - started} ms\n`,
  );
}, 240_000);

afterAll(async () => {
  for (const { socket } of connections) {
    socket.terminate();
  }
  await stack.close();
});

describe(`${USERS} users, ${USERS * RUNS_PER_USER + SHARED_RUNS[0] + SHARED_RUNS[1]} runs in flight at once`, () => {
  it('had at least 20 runs running at the same time, each held inside an agent', () => {
    expect(heldAtOnce).toBeGreaterThanOrEqual(20);
    expect(new Set(runs.map((run) => run.runId)).size).toBe(runs.length);
  });

  it('gives each starting connection exactly its runs: seq 0..n, as stored', () => {
    for (const run of runs) {
      const received = run.socket.runEvents(run.runId);
      expect(received.map((event) => event.seq)).toEqual(fromZero(received));
      expect(received.at(-1)?.type).toBe('run_completed');
      expect(received).toEqual(storedOf(run.runId));
    }
  });

  it('gives a connection subscribing mid-run with after_seq exactly the rest of that run', () => {
    expect(midRuns).toHaveLength(USERS + 1);
    for (const { connection, run, afterSeq } of midRuns) {
      expect(connection.socket.runEvents(run.runId)).toEqual(
        storedOf(run.runId).filter((event) => event.seq > afterSeq),
      );
    }
  });

  it('delivers run events only of the runs a connection started or subscribed to', () => {
    for (const { label, socket, follows } of connections) {
      expect({ label, runs: socket.runIds().sort() }).toEqual({ label, runs: [...follows].sort() });
    }
  });

  it('sends no frame naming a run, thread or report the connection neither started nor followed', () => {
    const idsByRun = new Map(runs.map((run) => [run.runId, idsOfRun(run, storedOf(run.runId))]));
    for (const { label, socket, follows } of connections) {
      const foreign = runs
        .filter((run) => !follows.has(run.runId))
        .flatMap((run) => idsByRun.get(run.runId) ?? []);
      expect({ label, foreign: socket.mentions(foreign) }).toEqual({ label, foreign: [] });
    }
  });

  it('refuses another member of the organization following a run that is not theirs', () => {
    const refused = intruder?.socket.messages.flatMap((m) => (m.type === 'error' ? [m.payload.code] : []));
    expect(refused).toEqual(['forbidden']);
    expect(intruder?.socket.runIds()).toEqual([]);
  });

  it('sends a connection that follows nothing no run events, only its own answers', () => {
    const idle = connections.filter(({ label, follows }) => follows.size === 0 && label !== INTRUDER);
    expect(idle.map(({ label }) => label)).toContain('user 1 shared watcher');
    expect(idle).toHaveLength(USERS + 1);
    for (const { label, socket } of idle) {
      expect({ label, types: socket.types() }).toEqual({ label, types: ['connection_established', 'pong'] });
    }
  });

  it('answers no message with an error (but the refused follow)', () => {
    for (const { label, socket } of connections.filter((connection) => connection !== intruder)) {
      expect({ label, types: socket.types().filter((type) => type === 'error') }).toEqual({
        label,
        types: [],
      });
    }
  });
});
