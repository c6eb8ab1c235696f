// The TCP header flag bits under the short names the flow code (analysis, connection states,
// back-off, ladders) uses; they are defined once, in protocols/tcp-flags.ts. Plus Wireshark's
// tcp.completeness bits, which only the flow code computes.
export { TH_ACK as ACK, TH_FIN as FIN, TH_PUSH as PSH, TH_RST as RST, TH_SYN as SYN } from '../protocols/tcp-flags.js';

/** tcp.completeness bits (Wireshark). */
export const C_SYN = 1;
export const C_SYNACK = 2;
export const C_ACK = 4;
export const C_DATA = 8;
export const C_FIN = 16;
export const C_RST = 32;
