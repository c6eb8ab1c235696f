// The one PacketRecord a reader fills for every packet, and the copy for a sink that keeps it.
//
// A reader hands the same object to each onPacket call (a record per packet was ~100 B of
// garbage per packet, a large part of the reader's cost on a million packets), so a sink
// may read it only during the call. Keep a record with copyPacketRecord.

import type { PacketRecord } from './types.js';

/** PacketRecord with writable fields, the optional ones always present: only its reader writes them. */
export interface MutablePacketRecord extends PacketRecord {
  number: number;
  interfaceId: number;
  tsSec: number;
  tsNsec: number;
  caplen: number;
  wirelen: number;
  dataOffset: number;
  recordOffset: number;
  blockType: number;
  comments: readonly string[] | undefined;
  epbFlags: number | undefined;
  fileCaplen: number | undefined;
}

/**
 * A record whose properties are all present in one order, so every record read by one
 * reader shares a hidden class and the code that reads them stays monomorphic.
 */
export function newPacketRecord(): MutablePacketRecord {
  return {
    number: 0,
    interfaceId: 0,
    tsSec: 0,
    tsNsec: 0,
    caplen: 0,
    wirelen: 0,
    dataOffset: 0,
    recordOffset: 0,
    blockType: 0,
    comments: undefined,
    epbFlags: undefined,
    fileCaplen: undefined,
  };
}

/** Fills `r` for the next packet; returns it. */
export function setPacketRecord(
  r: MutablePacketRecord,
  number: number,
  interfaceId: number,
  tsSec: number,
  tsNsec: number,
  caplen: number,
  wirelen: number,
  dataOffset: number,
  recordOffset: number,
  blockType: number,
  comments: readonly string[] | undefined,
  epbFlags: number | undefined,
  fileCaplen: number | undefined,
): MutablePacketRecord {
  r.number = number;
  r.interfaceId = interfaceId;
  r.tsSec = tsSec;
  r.tsNsec = tsNsec;
  r.caplen = caplen;
  r.wirelen = wirelen;
  r.dataOffset = dataOffset;
  r.recordOffset = recordOffset;
  r.blockType = blockType;
  r.comments = comments;
  r.epbFlags = epbFlags;
  r.fileCaplen = fileCaplen;
  return r;
}

/** An independent copy of a record handed to a sink, for a sink that keeps records. */
export function copyPacketRecord(rec: PacketRecord): PacketRecord {
  return {
    number: rec.number,
    interfaceId: rec.interfaceId,
    tsSec: rec.tsSec,
    tsNsec: rec.tsNsec,
    caplen: rec.caplen,
    wirelen: rec.wirelen,
    dataOffset: rec.dataOffset,
    recordOffset: rec.recordOffset,
    blockType: rec.blockType,
    comments: rec.comments?.slice(),
    epbFlags: rec.epbFlags,
    fileCaplen: rec.fileCaplen,
  };
}
