// `ackline flows FILE [--json]` and `ackline ladder FILE --flow N [--json]`: index the
// capture (CaptureIndex), then print the flows table or one flow's ladder.
import { CaptureIndex } from '../engine/flows/capture-index.js';
import { flowTable } from '../engine/flows/flow-summary.js';
import { buildLadder } from '../engine/flows/ladder.js';
import { CliError, type CliIo } from './cli-io.js';
import { flowsText } from './flows-text.js';
import { ladderText } from './ladder-text.js';
import { readCapture } from './read-capture.js';

interface FlowsArgs {
  file: string;
  json: boolean;
  flow?: number;
}

function parseArgs(cmd: string, args: readonly string[]): FlowsArgs {
  let file: string | undefined;
  let json = false;
  let flow: number | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--json') json = true;
    else if (a === '--flow' || a.startsWith('--flow=')) {
      const v = a === '--flow' ? args[++i] : a.slice(7);
      if (v === undefined || !/^\d+$/.test(v)) throw new CliError(`${cmd}: --flow needs a flow id (a number from 'ackline flows')`, 2);
      flow = Number(v);
    } else if (a.startsWith('-') && a.length > 1) throw new CliError(`${cmd}: unknown option ${a}`, 2);
    else if (file === undefined) file = a;
    else throw new CliError(`unexpected argument '${a}'`, 2);
  }
  if (!file) throw new CliError(`${cmd}: no capture file given`, 2);
  return { file, json, ...(flow !== undefined ? { flow } : {}) };
}

/** Indexes the whole file; a damaged file keeps every packet before the damage. */
async function indexFile(file: string, io: CliIo): Promise<{ index: CaptureIndex; damage?: string }> {
  const index = new CaptureIndex();
  const { damage } = await readCapture(io, file, { onInterface: (i) => index.addInterface(i), onPacket: (rec, data) => void index.add(rec, data), onPacketAt: (rec, buf, start) => void index.addAt(rec, buf, start) });
  return damage ? { index, damage } : { index };
}

function finish(io: CliIo, damage: string | undefined): number {
  if (!damage) return 0;
  io.err(`ackline: ${damage}\n`);
  return 1;
}

export async function runFlows(args: readonly string[], io: CliIo): Promise<number> {
  const a = parseArgs('flows', args);
  const { index, damage } = await indexFile(a.file, io);
  const rows = flowTable(index);
  io.out(a.json ? JSON.stringify(rows, null, 1) + '\n' : flowsText(rows));
  return finish(io, damage);
}

export async function runLadder(args: readonly string[], io: CliIo): Promise<number> {
  const a = parseArgs('ladder', args);
  if (a.flow === undefined) throw new CliError('ladder: which flow? (--flow N, ids from `ackline flows FILE`)', 2);
  const { index, damage } = await indexFile(a.file, io);
  const ladder = buildLadder(index, a.flow);
  if (!ladder) throw new CliError(`ladder: no flow ${a.flow} in ${a.file} (it has ${index.flows.size})`, 1);
  io.out(a.json ? JSON.stringify(ladder, null, 1) + '\n' : ladderText(ladder));
  return finish(io, damage);
}
