// TCP analysis with Wireshark's published definitions (tcp.analysis.*): see the
// implementation notes in tcp-analysis-*.ts. Fed every TCP segment in capture order.
import type { Flow } from './flow.js';
import type { TcpSegment, TcpSegmentAnalysis } from './tcp-segment.js';

export class TcpAnalyzer {
  /**
   * Whether a SYN (without ACK) with sequence number `seq` starts a new connection on a
   * 4-tuple that already has a flow (port reuse: Wireshark gives it a new tcp.stream).
   */
  isNewConnection(existing: Flow | undefined, seq: number): boolean {
    void existing;
    void seq;
    return false;
  }

  analyze(seg: TcpSegment): TcpSegmentAnalysis {
    void seg;
    return { flags: 0 };
  }
}
