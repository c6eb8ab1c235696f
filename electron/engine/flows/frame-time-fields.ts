// frame.time_* and frame.interface_id, computed from the index's timestamp and interface
// columns (they depend on the first or previous packet, which a packet's tree does not know).
// Times are read wide (sec()/nsec()): a timestamp past 2^32 s does not fit the 32-bit column.
import type { ComputedField } from './computed-field.js';

export const FRAME_TIME_FIELDS: readonly ComputedField[] = [
  {
    abbrev: 'frame.time_relative',
    name: 'Time since reference or first frame',
    type: 'float',
    source: 'index',
    compute: (ix, i, out) => void out.push(ix.packets.sec(i) - ix.packets.sec(0) + (ix.packets.nsec(i) - ix.packets.nsec(0)) / 1e9),
  },
  {
    abbrev: 'frame.time_epoch',
    name: 'Epoch Time',
    type: 'float',
    source: 'index',
    compute: (ix, i, out) => void out.push(ix.packets.sec(i) + ix.packets.nsec(i) / 1e9),
  },
  {
    abbrev: 'frame.time_delta',
    name: 'Time delta from previous captured frame',
    type: 'float',
    source: 'index',
    compute: (ix, i, out) => void out.push(i === 0 ? 0 : ix.packets.sec(i) - ix.packets.sec(i - 1) + (ix.packets.nsec(i) - ix.packets.nsec(i - 1)) / 1e9),
  },
  { abbrev: 'frame.interface_id', name: 'Interface id', type: 'uint', base: 'dec', source: 'index', compute: (ix, i, out) => void out.push(ix.packets.iface.get(i)) },
];
