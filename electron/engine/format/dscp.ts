// The names of the DS field's code points (RFC 2474 DSCP, RFC 3168 ECN) as Wireshark's IPv4
// and IPv6 dissectors show them: "DSCP: CS0, ECN: Not-ECT" on the field, the long names on
// its bit items.

export const DSCP_NAMES: ReadonlyMap<number, readonly [short: string, long: string]> = new Map([
  [0, ['CS0', 'Default']],
  [1, ['LE', 'Lower Effort']],
  [8, ['CS1', 'Class Selector 1']],
  [10, ['AF11', 'Assured Forwarding 11']],
  [12, ['AF12', 'Assured Forwarding 12']],
  [14, ['AF13', 'Assured Forwarding 13']],
  [16, ['CS2', 'Class Selector 2']],
  [18, ['AF21', 'Assured Forwarding 21']],
  [20, ['AF22', 'Assured Forwarding 22']],
  [22, ['AF23', 'Assured Forwarding 23']],
  [24, ['CS3', 'Class Selector 3']],
  [26, ['AF31', 'Assured Forwarding 31']],
  [28, ['AF32', 'Assured Forwarding 32']],
  [30, ['AF33', 'Assured Forwarding 33']],
  [32, ['CS4', 'Class Selector 4']],
  [34, ['AF41', 'Assured Forwarding 41']],
  [36, ['AF42', 'Assured Forwarding 42']],
  [38, ['AF43', 'Assured Forwarding 43']],
  [40, ['CS5', 'Class Selector 5']],
  [44, ['VOICE-ADMIT', 'Voice Admit']],
  [46, ['EF PHB', 'Expedited Forwarding']],
  [48, ['CS6', 'Class Selector 6']],
  [56, ['CS7', 'Class Selector 7']],
]);

export const ECN_NAMES: readonly (readonly [short: string, long: string])[] = [
  ['Not-ECT', 'Not ECN-Capable Transport'],
  ['ECT(1)', "ECN-Capable Transport codepoint '01'"],
  ['ECT(0)', "ECN-Capable Transport codepoint '10'"],
  ['CE', 'Congestion Experienced'],
];

/** A code point's names; Wireshark calls an unassigned one "Unknown". */
export const dscpNames = (dscp: number): readonly [string, string] => DSCP_NAMES.get(dscp) ?? ['Unknown', 'Unknown'];
