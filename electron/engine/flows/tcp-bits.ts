// TCP header flag bits and Wireshark's tcp.completeness bits, shared by the flow code
// (analysis, connection states, back-off, ladders) so each is defined once.

export const FIN = 0x01;
export const SYN = 0x02;
export const RST = 0x04;
export const PSH = 0x08;
export const ACK = 0x10;

/** tcp.completeness bits (Wireshark). */
export const C_SYN = 1;
export const C_SYNACK = 2;
export const C_ACK = 4;
export const C_DATA = 8;
export const C_FIN = 16;
export const C_RST = 32;
