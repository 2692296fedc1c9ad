// Executions per second of a workflow in the JavaScript peer emulator aws-local-stepfunctions, timed as
// EngineThroughputBenchmark times apitpl: inputs {"n": i % 7}, one execution after another, 10 s warm-up,
// then the best of 3 rounds of 10/3 s.
// Usage (from a folder whose node_modules holds the peer; engine-vs-peer.sh copies this file there):
//   node peer-throughput.mjs check WORKFLOW.json    prints the outputs for n = 0..6 as one JSON array
//   node peer-throughput.mjs measure WORKFLOW.json  prints the sequential figure
import { readFileSync } from 'node:fs';
import { StateMachine } from 'aws-local-stepfunctions';

const WARM_UP_MS = 10000;
const ROUND_MS = 10000 / 3;

const [mode, workflow] = process.argv.slice(2);
if (!['check', 'measure'].includes(mode) || !workflow) {
  console.error('usage: node peer-throughput.mjs check|measure WORKFLOW.json');
  process.exit(2);
}
const stateMachine = new StateMachine(JSON.parse(readFileSync(workflow, 'utf8')));
const inputs = Array.from({ length: 7 }, (_, n) => ({ n }));

async function run(ms) {
  let done = 0;
  const start = performance.now();
  const end = start + ms;
  while (performance.now() < end) {
    await stateMachine.run(inputs[done % 7]).result; // a failed execution rejects, which ends the process
    done++;
  }
  return done / ((performance.now() - start) / 1000);
}

if (mode === 'check') {
  const outputs = [];
  for (const input of inputs) {
    outputs.push(await stateMachine.run(input).result);
  }
  console.log(JSON.stringify(outputs));
} else {
  const peer = new URL('node_modules/aws-local-stepfunctions/package.json', import.meta.url);
  const version = JSON.parse(readFileSync(peer, 'utf8')).version;
  await run(WARM_UP_MS);
  const rounds = [];
  for (let round = 0; round < 3; round++) {
    rounds.push(await run(ROUND_MS));
  }
  const fixed = (x) => x.toFixed(0);
  console.log(`peer sequential: ${fixed(Math.max(...rounds))} executions/s (rounds ${rounds.map(fixed).join(' ')}; `
    + `aws-local-stepfunctions ${version}, Node ${process.version})`);
}
