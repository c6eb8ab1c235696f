// `ackline flows` and `ackline ladder`: filled in by the flows/analysis engine.
import { CliError, type CliIo } from './cli-io.js';

export async function runFlows(_args: readonly string[], _io: CliIo): Promise<number> {
  throw new CliError('flows: not available in this build yet', 69);
}

export async function runLadder(_args: readonly string[], _io: CliIo): Promise<number> {
  throw new CliError('ladder: not available in this build yet', 69);
}
