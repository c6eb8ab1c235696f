// Whether the reference tools the tests compare with are installed (tests that need one skip
// without it, saying so in their name).
import { spawnSync } from 'node:child_process';

/** True when `name -v` runs (tshark, capinfos, tcpdump --version answers -v too). */
export function haveTool(name: string): boolean {
  return spawnSync(name, ['-v'], { stdio: 'ignore' }).status === 0;
}

export const haveTshark = haveTool('tshark');
