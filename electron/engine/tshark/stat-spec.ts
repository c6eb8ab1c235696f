// tshark's `-z` arguments: which statistics view, of what, with which filter.
//   conv,TYPE[,FILTER]  endpoints,TYPE[,FILTER]  io,phs[,FILTER]
//   io,stat,INTERVAL[,COLUMN...]  follow,tcp|udp,ascii|hex|raw,STREAM  expert[,LEVEL][,FILTER]
import { compileFilter, type CompiledFilter } from '../filter/compile-filter.js';
import { ConversationTap } from './conversations.js';
import { EndpointTap } from './endpoints.js';
import { ExpertTap, type ExpertLevel } from './expert-tap.js';
import { FollowTap, type FollowMode } from './follow.js';
import { IoStatError, parseIoStat } from './io-stat.js';
import { ProtocolHierarchyTap } from './protocol-hierarchy.js';
import type { ConvKind } from './packet-addresses.js';
import type { Tap } from './tap.js';

export class StatSpecError extends Error {}

const KINDS: readonly ConvKind[] = ['eth', 'ip', 'ipv6', 'tcp', 'udp'];

/** Compiles a view's filter; an empty one means none. Throws StatSpecError with tshark-like words. */
export function viewFilter(text: string | undefined): CompiledFilter | null {
  if (text === undefined || text === '') return null;
  const c = compileFilter(text);
  if (!c.ok) throw new StatSpecError(`invalid filter "${text}": ${c.error.message}`);
  return c.filter;
}

/** The views of a run's `-z` arguments, in order (the expert views share their level). */
export function createTaps(specs: readonly string[]): Tap[] {
  const expertLevel: ExpertLevel = { level: 'comment' };
  return specs.map((s) => createTap(s, expertLevel));
}

/** The view a `-z` argument asks for. */
export function createTap(spec: string, expertLevel: ExpertLevel = { level: 'comment' }): Tap {
  const m = /^(conv|endpoints),([a-z0-9]+)(?:,(.*))?$/s.exec(spec);
  if (m) {
    const kind = m[2] as ConvKind;
    if (!KINDS.includes(kind)) throw new StatSpecError(`-z ${m[1]},${m[2]}: unsupported type (supported: ${KINDS.join(', ')})`);
    const filter = viewFilter(m[3]);
    return m[1] === 'conv' ? new ConversationTap(kind, filter) : new EndpointTap(kind, filter);
  }
  if (spec.startsWith('io,stat,')) {
    try {
      return parseIoStat(spec.slice(8), viewFilter);
    } catch (e) {
      if (e instanceof IoStatError) throw new StatSpecError(e.message);
      throw e;
    }
  }
  const follow = /^follow,(tcp|udp),(ascii|hex|raw),(\d+)(?:,(\d+)(?:-(\d+))?)?$/.exec(spec);
  if (follow) {
    const first = follow[4] === undefined ? 1 : Number(follow[4]);
    const last = follow[4] === undefined ? Infinity : Number(follow[5] ?? follow[4]);
    if (first < 1 || first > last) throw new StatSpecError('follow: Invalid range value.');
    return new FollowTap(follow[1] as 'tcp' | 'udp', follow[2] as FollowMode, Number(follow[3]), first, last);
  }
  if (spec.startsWith('follow,')) throw new StatSpecError(`invalid -z follow argument "${spec}" (follow,tcp|udp,ascii|hex|raw,STREAM)`);
  if (spec.startsWith('expert')) return expertTap(spec.slice('expert'.length), expertLevel);
  const phs = /^io,phs(?:,(.*))?$/s.exec(spec);
  if (phs) return new ProtocolHierarchyTap(viewFilter(phs[1]));
  throw new StatSpecError(`invalid -z argument "${spec}"`);
}

const EXPERT_LEVELS = [',error', ',warn', ',note', ',chat', ',comment'] as const;

/**
 * `expert[,LEVEL][,FILTER]` read as tshark reads it: LEVEL is a case-insensitive prefix
 * (",warning" is ",warn" with a rest "ing" that is no filter), and it sets the level of
 * every expert view.
 */
function expertTap(args: string, shown: ExpertLevel): Tap {
  let rest = args;
  const level = EXPERT_LEVELS.find((l) => rest.slice(0, l.length).toLowerCase() === l);
  if (level) {
    shown.level = level.slice(1) as ExpertLevel['level'];
    rest = rest.slice(level.length);
  }
  return new ExpertTap(shown, rest.startsWith(',') ? viewFilter(rest.slice(1)) : null);
}
