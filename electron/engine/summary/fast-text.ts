// The constant texts of the fast path's lines, each written with one store per byte: a
// generic copy loop over small arrays was the largest single cost of a line (generated list;
// every function writes its text at b[p] and returns the position after it).

/** `IP ` */
export function putIpText(b: Uint8Array, p: number): number {
  b[p + 0] = 73;
  b[p + 1] = 80;
  b[p + 2] = 32;
  return p + 3;
}

/** ` > ` */
export function putGt(b: Uint8Array, p: number): number {
  b[p + 0] = 32;
  b[p + 1] = 62;
  b[p + 2] = 32;
  return p + 3;
}

/** `: ` */
export function putColon(b: Uint8Array, p: number): number {
  b[p + 0] = 58;
  b[p + 1] = 32;
  return p + 2;
}

/** `Flags [` */
export function putFlagsText(b: Uint8Array, p: number): number {
  b[p + 0] = 70;
  b[p + 1] = 108;
  b[p + 2] = 97;
  b[p + 3] = 103;
  b[p + 4] = 115;
  b[p + 5] = 32;
  b[p + 6] = 91;
  return p + 7;
}

/** `, seq ` */
export function putSeqText(b: Uint8Array, p: number): number {
  b[p + 0] = 44;
  b[p + 1] = 32;
  b[p + 2] = 115;
  b[p + 3] = 101;
  b[p + 4] = 113;
  b[p + 5] = 32;
  return p + 6;
}

/** `, ack ` */
export function putAckText(b: Uint8Array, p: number): number {
  b[p + 0] = 44;
  b[p + 1] = 32;
  b[p + 2] = 97;
  b[p + 3] = 99;
  b[p + 4] = 107;
  b[p + 5] = 32;
  return p + 6;
}

/** `, win ` */
export function putWinText(b: Uint8Array, p: number): number {
  b[p + 0] = 44;
  b[p + 1] = 32;
  b[p + 2] = 119;
  b[p + 3] = 105;
  b[p + 4] = 110;
  b[p + 5] = 32;
  return p + 6;
}

/** `, urg ` */
export function putUrgText(b: Uint8Array, p: number): number {
  b[p + 0] = 44;
  b[p + 1] = 32;
  b[p + 2] = 117;
  b[p + 3] = 114;
  b[p + 4] = 103;
  b[p + 5] = 32;
  return p + 6;
}

/** `, length ` */
export function putLengthText(b: Uint8Array, p: number): number {
  b[p + 0] = 44;
  b[p + 1] = 32;
  b[p + 2] = 108;
  b[p + 3] = 101;
  b[p + 4] = 110;
  b[p + 5] = 103;
  b[p + 6] = 116;
  b[p + 7] = 104;
  b[p + 8] = 32;
  return p + 9;
}

/** `, options [` */
export function putOptionsText(b: Uint8Array, p: number): number {
  b[p + 0] = 44;
  b[p + 1] = 32;
  b[p + 2] = 111;
  b[p + 3] = 112;
  b[p + 4] = 116;
  b[p + 5] = 105;
  b[p + 6] = 111;
  b[p + 7] = 110;
  b[p + 8] = 115;
  b[p + 9] = 32;
  b[p + 10] = 91;
  return p + 11;
}

/** `nop` */
export function putNop(b: Uint8Array, p: number): number {
  b[p + 0] = 110;
  b[p + 1] = 111;
  b[p + 2] = 112;
  return p + 3;
}

/** `eol` */
export function putEol(b: Uint8Array, p: number): number {
  b[p + 0] = 101;
  b[p + 1] = 111;
  b[p + 2] = 108;
  return p + 3;
}

/** `mss ` */
export function putMssText(b: Uint8Array, p: number): number {
  b[p + 0] = 109;
  b[p + 1] = 115;
  b[p + 2] = 115;
  b[p + 3] = 32;
  return p + 4;
}

/** `wscale ` */
export function putWscaleText(b: Uint8Array, p: number): number {
  b[p + 0] = 119;
  b[p + 1] = 115;
  b[p + 2] = 99;
  b[p + 3] = 97;
  b[p + 4] = 108;
  b[p + 5] = 101;
  b[p + 6] = 32;
  return p + 7;
}

/** `sackOK` */
export function putSackOk(b: Uint8Array, p: number): number {
  b[p + 0] = 115;
  b[p + 1] = 97;
  b[p + 2] = 99;
  b[p + 3] = 107;
  b[p + 4] = 79;
  b[p + 5] = 75;
  return p + 6;
}

/** `sack ` */
export function putSackText(b: Uint8Array, p: number): number {
  b[p + 0] = 115;
  b[p + 1] = 97;
  b[p + 2] = 99;
  b[p + 3] = 107;
  b[p + 4] = 32;
  return p + 5;
}

/** `TS val ` */
export function putTsText(b: Uint8Array, p: number): number {
  b[p + 0] = 84;
  b[p + 1] = 83;
  b[p + 2] = 32;
  b[p + 3] = 118;
  b[p + 4] = 97;
  b[p + 5] = 108;
  b[p + 6] = 32;
  return p + 7;
}

/** ` ecr ` */
export function putEcrText(b: Uint8Array, p: number): number {
  b[p + 0] = 32;
  b[p + 1] = 101;
  b[p + 2] = 99;
  b[p + 3] = 114;
  b[p + 4] = 32;
  return p + 5;
}

/** `: HTTP` */
export function putHttpText(b: Uint8Array, p: number): number {
  b[p + 0] = 58;
  b[p + 1] = 32;
  b[p + 2] = 72;
  b[p + 3] = 84;
  b[p + 4] = 84;
  b[p + 5] = 80;
  return p + 6;
}

/** `UDP, length ` */
export function putUdpText(b: Uint8Array, p: number): number {
  b[p + 0] = 85;
  b[p + 1] = 68;
  b[p + 2] = 80;
  b[p + 3] = 44;
  b[p + 4] = 32;
  b[p + 5] = 108;
  b[p + 6] = 101;
  b[p + 7] = 110;
  b[p + 8] = 103;
  b[p + 9] = 116;
  b[p + 10] = 104;
  b[p + 11] = 32;
  return p + 12;
}
