// electron/cli/: the `ackline` command.
//
// `ackline` command line: thin wiring of the engine to files, stdout and stderr.
//   ackline read FILE|- [--jsonl] [tcpdump flags: -v -e -q -S -t.. -#]   (FILE may be gzip-compressed)
//   ackline flows FILE [--json]
//   ackline ladder FILE --flow N [--json]
import { runRead } from './read-command.js';
import { CliError, type CliIo } from './cli-io.js';

const USAGE = `usage: ackline <command> [options]
  read FILE [--jsonl] [-Y FILTER] [-v|-vv|-vvv] [-e] [-q] [-S] [-t|-tt|-ttt|-tttt|-ttttt] [-#]
      print every packet as tcpdump -n -r FILE does (or one JSON object per packet);
      -Y keeps only the packets matching a Wireshark display filter.
      FILE is a pcap or pcapng file, gzip-compressed or not, a FIFO, or - for stdin
  capture -i IFACE [-f FILTER] [-c COUNT] [-w FILE] [-s SNAPLEN] [-p] [--backend auto|native|cap] [tcpdump flags]
      live capture through the capture process; --list shows the interfaces
  flows FILE [--json]
      print the flows table
  ladder FILE --flow N [--json]
      print one flow's ladder diagram
  start [FILE]
      the desktop app (or, without the Electron binary, the same app served to a browser)
  serve [--port N] [--host 127.0.0.1] [--max-upload SIZE] [FILE]
      the app in a browser: prints http://127.0.0.1:PORT/?token=... first, serves until Ctrl+C;
      files dropped on the page may be up to SIZE (default 4G)`;

export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [cmd, ...rest] = argv;
  try {
    switch (cmd) {
      case 'read':
        return await runRead(rest, io);
      case 'capture': {
        const { runCapture } = await import('./capture-command.js');
        return await runCapture(rest, io);
      }
      case 'start': {
        const { runStart } = await import('./start-command.js');
        return await runStart(rest, io);
      }
      case 'serve': {
        const { runServe } = await import('../serve/serve-command.js');
        return await runServe(rest, io);
      }
      case 'flows':
      case 'ladder': {
        const { runFlows, runLadder } = await import('./flows-command.js');
        return cmd === 'flows' ? await runFlows(rest, io) : await runLadder(rest, io);
      }
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        io.out(USAGE + '\n');
        return cmd === undefined ? 2 : 0;
      default:
        throw new CliError(`unknown command '${cmd}'\n${USAGE}`, 2);
    }
  } catch (e) {
    if (e instanceof CliError) {
      io.err(`ackline: ${e.message}\n`);
      return e.exitCode;
    }
    io.err(`ackline: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return 70;
  }
}

export { nodeIo } from './node-io.js';
