import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import type { ReliabilityFigure } from '../src/figures.js';

/** Sections in document order, with what every test in the section asserts. */
const sections: Array<[name: string, asserts: string]> = [
  [
    'Load',
    'Worker processes (forked, each with its own client and connection pool) call one idempotent function at once over a ' +
      "few keys. Asserted: each key's function runs exactly once (every execution is reported to the test process); every " +
      "caller gets that execution's result or `IdempotencyAlreadyInProgressError`; afterwards every key replays the result " +
      'its callers got, and no record is left INPROGRESS.',
  ],
  [
    'Faults',
    "A burst of concurrent calls with a fault injected at 120 ms, while the first calls' functions run: a TCP fault proxy " +
      '(`internal/test-servers/src/faultProxy.ts`) between client and server stalls, drops (FIN) or resets (RST) every ' +
      'connection, or redis-server is SIGKILLed and restarted. Clients fail fast (one attempt, short timeouts), so faults ' +
      "surface as errors. Asserted: every error is a typed idem error (`IdempotencyUnknownError` subclass, the driver's " +
      "error as `cause`); every result is the key's single execution's; no key runs twice while its claim is live (the " +
      'lease is longer than the burst); records left INPROGRESS carry an in-progress expiry within one lease; once that ' +
      'lease has passed (the checks move `Date`, which the stores compare leases with), every key is free again, replays ' +
      'the stored result if any caller got one, and nothing stays INPROGRESS.',
  ],
  [
    'Crashes',
    'A worker process claims a key and is SIGKILLed while its function runs (`inProgressExpiresAfterSeconds: 2`, real ' +
      'time). Asserted: a retry before the in-progress expiry gets `IdempotencyAlreadyInProgressError` and does not run; ' +
      'after it, ten concurrent retries run the function once, and the key then replays that result.',
  ],
  [
    'Long-running functions',
    'Outside Lambda the lease is `inProgressExpiresAfterSeconds` (default 60 s), so a crashed caller blocks its key for ' +
      "that long, never for the record's lifetime. With `renewInProgressLease: true` the claim is renewed every third of " +
      'the lease while the function runs. Asserted: a function outliving several leases stays the only execution; a claim ' +
      'lost anyway (its record deleted behind its back and the key taken by another call) is refused at completion, ' +
      "reported as a `claimLost` event, and the new owner's record is left as it was.",
  ],
  [
    'Failover',
    'Redis replicates asynchronously, so a failover can drop writes the primary acknowledged. One test stands in for ' +
      'that with a restart without persistence; the others fail over for real: a primary and a replica ' +
      '(`redis-server --replicaof`), the primary SIGKILLed, the replica promoted with `REPLICAOF NO ONE`, every key ' +
      'called again on it. A lagging replica is made certain by holding the replication stream in a proxy between ' +
      'the two, dropped with the primary. Asserted: without `replicaAcknowledgements` the loss happens (so the ' +
      'document does not promise more than Redis gives); with it, every claim and result that was acknowledged ' +
      'survives, and a claim the replica did not acknowledge fails before its function runs.',
  ],
  [
    'Bad input',
    'Property tests (fast-check) over payloads and results of every JavaScript shape, corrupted or foreign records ' +
      "written with each store's raw client, and invalid configuration.",
  ],
  [
    'Security',
    'Tenant scoping (`keyScope`), log output with secrets in payloads, responses and errors, and `encryptedResponses` on a ' +
      'real Redis store.',
  ],
];

const staticSections = `## The hash: md5 by default, sha256 where attackers choose payloads

The idempotency key is \`<prefix>#<hash of the payload's canonical JSON>\`, and the payload
validation hash likewise. The default \`hashFunction\` is \`md5\`, for compatibility with records
written by Powertools for AWS Lambda, whose default it is: switching the algorithm changes every
key, so a deployed table's records would stop matching their retries.

md5 is broken for collisions, and that matters where **attackers choose payloads** (a public API
whose body is the key, a webhook, a client-supplied Idempotency-Key hashed with other
attacker-controlled fields). A chosen-prefix collision lets an attacker take two payloads of their
choosing and append computed blocks to each so that both have the same md5: both then map to one
key, so whichever is sent second replays the first one's stored result instead of running (and with
payload validation on md5 as well, the validation hash collides just the same). Public tools
(HashClash) compute such collisions on ordinary hardware. Here the hashed text is canonical JSON,
which constrains the appended bytes and makes a collision harder to build; that is friction, not a
guarantee. sha256 has no known collision at all.

Set \`hashFunction: 'sha256'\` (any algorithm of \`crypto.getHashes()\` is accepted; an unknown one
fails when the config is built) for new deployments and wherever payloads come from outside your
trust boundary. Existing keys change with the switch: do it when a table is new, or let records
written before it expire (\`expiresAfterSeconds\`) while retries of in-flight calls run once more.
\`keyScope\` limits a collision to the attacker's own tenant; it does not replace the stronger hash.

## What failover can lose on Redis

Redis and Valkey replicate asynchronously: a primary acknowledges a write before any replica has
it. If the primary fails in that window and a replica is promoted,

- a lost **claim** lets a retry run the function while the first call is still running;
- a lost **completion** lets a retry run the function again instead of replaying its result.

Without help the layer cannot see either; the tests under "Failover" show both, on a real
failover and with a restart without persistence. A single Redis with \`appendonly yes\` and
\`appendfsync always\` keeps every acknowledged write across a crash (the "restart" fault above runs
on one), but that is no help across a failover to a replica.

\`replicaAcknowledgements: { replicas, timeoutMs }\` on \`CachePersistenceLayer\` closes the window for
the replicas it waits for: each claim, completion and lease renewal is sent with a \`WAIT\` in the same
round trip, and only a write that many replicas acknowledged counts. A claim short of them fails
(\`IdempotencyUnderReplicatedError\`, an \`IdempotencyPersistenceLayerError\`), is released, and its
function does not run; a completion short of them still returns its result and is reported as an
\`underReplicated\` event. It holds for the replica that is promoted if that replica acknowledged:
with \`replicas\` equal to the replicas of the shard, any of them; with fewer, Sentinel and Cluster
promote the most up-to-date replica, which is best effort. After a failover the new primary has no
replica until one attaches, and until then every new claim fails (the figures show it). Amazon
MemoryDB acknowledges a write only once its multi-AZ transaction log has it, so an acknowledged
record survives failover there without the option. DynamoDB writes are durable once acknowledged.
See docs/cache.md.

## Found by these tests, and fixed in core

- A \`Map\` or \`Set\` payload hashed as \`{}\` (what \`JSON.stringify\` makes of it), so two calls with
  different Maps shared a key and the second replayed the first's result. Such payloads now raise
  \`IdempotencyKeyError\` (fast-check found it).
- An entry the memory store did not write (reachable from a subclass) raised
  \`IdempotencyInvalidStatusError\` or a store error, or replayed \`undefined\`; it now raises
  \`IdempotencyPersistenceConsistencyError\`, as Redis and DynamoDB do.
- A key or validation expression that fails on a payload (\`powertools_json\` on a body that is not
  JSON, \`length\` of a number) threw the JMESPath library's own error, whose message can quote the
  payload; it now raises \`IdempotencyKeyError\` naming the option, the original as \`cause\`.

## Limits

- dynalite is DynamoDB's API on LevelDB in the test process, with none of DynamoDB's latency or
  partitioning; it answers a few hundred requests a second here, which is why its load runs are
  smaller. It shows the layer's conditional writes hold under contention, not DynamoDB's throughput.
- Faults are injected on loopback. The figures of the fault runs vary from run to run with
  timing (which calls were in flight when the fault hit); the assertions do not.
- Failover is exercised on a standalone primary and replica. On a cluster with a replica per master,
  \`packages/cache/tests/clusterReplicas.test.ts\` holds that each \`WAIT\` reaches the master that ran
  its script, that a frozen replica fails exactly its master's claims, and (through ioredis) that a
  claim and a result survive their master being killed and replaced by its replica.
- redis-server here is 7.0, which has no \`WAITAOF\` (7.2+); the layer does not send it (docs/cache.md).
- An unknown function in a JMESPath expression is found at the first call (\`IdempotencyKeyError\`
  naming the option), not when the config is built: the JMESPath library resolves functions when
  it evaluates.
`;

function readFigures(dir: string): ReliabilityFigure[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .map((name) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as ReliabilityFigure);
}

function errorsCell(errors: Record<string, number>): string {
  const entries = Object.entries(errors).sort(([a], [b]) => a.localeCompare(b));
  return entries.length === 0 ? 'none' : entries.map(([name, count]) => `${name} ${count}`).join('<br>');
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function environment(): string {
  let redisVersion = 'unknown';
  try {
    redisVersion = /v=(\S+)/.exec(execFileSync('redis-server', ['--version'], { encoding: 'utf8' }))?.[1] ?? redisVersion;
  } catch {
    // No redis-server on the PATH: the tests could not have run either.
  }
  return `Node ${process.version}, redis-server ${redisVersion}, ${cpus().length} CPUs`;
}

/** Renders docs/reliability.md from the figures the tests wrote. */
export function renderReliabilityDoc(figuresDir: string, target: string): void {
  const figures = readFigures(figuresDir);
  const out: string[] = [
    '# Reliability and security: what the tests apply and what they observe',
    '',
    '<!-- Generated by `pnpm reliability` (internal/reliability-tests/scripts/runReliability.ts). Do not edit by hand. -->',
    '',
    `Generated by \`pnpm reliability\` on ${new Date().toISOString().slice(0, 10)} (${environment()}), from the`,
    '`@idem/reliability-tests` suite (`internal/reliability-tests`), against real servers started by the tests:',
    'redis-server standalone, a three-master Redis cluster, and dynalite. Every figure below comes',
    'from the run; each test also asserts the promises stated for its section, so a figure that broke',
    'one would have failed the run instead of appearing here.',
    '',
    'Columns: **calls** made, **runs** of the wrapped function, **results** returned to callers,',
    '**errors** by class as callers saw them, and records **left INPROGRESS** when the run ended',
    '(each then checked to lapse at its in-progress expiry).',
    '',
  ];
  for (const [section, asserts] of sections) {
    const inSection = figures.filter((figure) => figure.section === section).sort((a, b) => a.id.localeCompare(b.id));
    if (inSection.length === 0) continue;
    out.push(`## ${section}`, '', asserts, '');
    const titles = [...new Set(inSection.map((figure) => figure.title))];
    for (const title of titles) {
      const rows = inSection.filter((figure) => figure.title === title);
      out.push(`### ${title}`, '');
      out.push('| test | store | applied | calls | runs | results | errors | left INPROGRESS |');
      out.push('|---|---|---|--:|--:|--:|---|--:|');
      for (const figure of rows) {
        out.push(
          `| \`${figure.id}\` | ${escapeCell(figure.store)} | ${escapeCell(figure.applied)} | ${figure.calls} | ${figure.executions} | ` +
            `${figure.results} | ${errorsCell(figure.errors)} | ${figure.recordsLeftInProgress} |`
        );
      }
      const notes = rows.flatMap((figure) => (figure.notes ?? []).map((note) => `- \`${figure.id}\`: ${note}`));
      if (notes.length > 0) out.push('', ...notes);
      out.push('');
    }
  }
  const unknown = figures.filter((figure) => !sections.some(([name]) => name === figure.section));
  if (unknown.length > 0) throw new Error(`figures of unknown sections: ${unknown.map((figure) => figure.id).join(', ')}`);
  out.push(staticSections);
  writeFileSync(
    target,
    `${out
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trimEnd()}\n`
  );
}
