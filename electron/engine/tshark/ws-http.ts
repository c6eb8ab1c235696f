// Wireshark's HTTP subtree (packet-http.c, 4.0, one pass) for a message the TCP reassembly
// completed: the first line with its chat expert item and parts, each header line as sent
// (Content-Length with its value), the request/response numbering of the connection, the
// matching request of a response, and the body's size; a text body follows as "Line-based
// text data" (packet-text-media.c), one item a line.
import type { FieldNode } from '../dissect/field-node.js';
import { nsSeconds } from './field-format.js';
import { headerEnd, latin1 } from './http-message.js';
import { nsDelta, type NsTime } from './tap.js';

/** Wireshark's format_text: printable ASCII as is, C escapes, other bytes as \xNN. */
export function formatText(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    if (c >= 0x20 && c < 0x7f && ch !== '\\') out += ch;
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else out += `\\x${c.toString(16).padStart(2, '0')}`;
  }
  return out;
}

const leaf = (field: string, label: string, offset: number, length: number, value?: string | number): FieldNode =>
  value === undefined ? { field, label, offset, length } : { field, label, offset, length, value };

function chat(line: string): FieldNode {
  const kids = [leaf('_ws.expert.message', `[${line}]`, 0, 0), leaf('_ws.expert.severity', '[Severity level: Chat]', 0, 0), leaf('_ws.expert.group', '[Group: Sequence]', 0, 0)];
  return { field: 'http.chat', label: `[Expert Info (Chat/Sequence): ${line}]`, offset: 0, length: 0, children: kids };
}

/** Splits the head into its lines, each with its own line ending (CRLF or LF). */
function headLines(head: string): string[] {
  const lines: string[] = [];
  let at = 0;
  while (at < head.length) {
    const nl = head.indexOf('\n', at);
    const end = nl < 0 ? head.length : nl + 1;
    lines.push(head.slice(at, end));
    at = end;
  }
  return lines;
}

interface Request {
  readonly frame: number;
  readonly time: NsTime;
  readonly uri: string;
}

interface Conversation {
  readonly requests: Request[];
  responses: number;
  lastResponse: number;
}

export class HttpMessages {
  private readonly conversations = new Map<number, Conversation>();

  /**
   * The HTTP node (and a text body's node after it) of one message of TCP flow `flow`,
   * completed in `frame`; `at`/`length` are the bytes the nodes point to in that frame.
   */
  message(bytes: Uint8Array, flow: number, frame: number, time: NsTime, at: number, length: number): FieldNode[] {
    let conv = this.conversations.get(flow);
    if (!conv) this.conversations.set(flow, (conv = { requests: [], responses: 0, lastResponse: 0 }));
    const end = headerEnd(bytes);
    const head = latin1(bytes.subarray(0, end < 0 ? bytes.length : end));
    const lines = headLines(head);
    const first = lines[0] ?? '';
    const firstText = formatText(first);
    const firstBare = first.replace(/\r?\n$/, '');
    const response = firstBare.startsWith('HTTP/');
    const kids: FieldNode[] = [];
    const parts = firstBare.split(' ');
    const firstKids: FieldNode[] = [chat(firstText)];
    if (response) {
      const code = Number(parts[1]);
      const phrase = parts.slice(2).join(' ');
      firstKids.push(leaf('http.response.version', `Response Version: ${parts[0]}`, at, 0, parts[0]));
      firstKids.push(leaf('http.response.code', `Status Code: ${code}`, at, 0, code));
      firstKids.push(leaf('http.response.code.desc', `[Status Code Description: ${STATUS.get(code) ?? 'Unknown'}]`, at, 0));
      firstKids.push(leaf('http.response.phrase', `Response Phrase: ${phrase}`, at, 0, phrase));
    } else {
      firstKids.push(leaf('http.request.method', `Request Method: ${parts[0] ?? ''}`, at, 0, parts[0] ?? ''));
      firstKids.push(leaf('http.request.uri', `Request URI: ${parts[1] ?? ''}`, at, 0, parts[1] ?? ''));
      firstKids.push(leaf('http.request.version', `Request Version: ${parts[2] ?? ''}`, at, 0, parts[2] ?? ''));
    }
    kids.push({ field: response ? 'http.response.line' : 'http.request.line', label: firstText, offset: at, length: first.length, children: firstKids });
    let host = '';
    let contentLength = -1;
    let contentType = '';
    for (const l of lines.slice(1)) {
      const bare = l.replace(/\r?\n$/, '');
      if (bare === '') {
        kids.push(leaf('http.end', formatText(l), at, l.length));
        continue;
      }
      const colon = bare.indexOf(':');
      const name = colon > 0 ? bare.slice(0, colon).trim().toLowerCase() : '';
      const value = colon > 0 ? bare.slice(colon + 1).trim() : '';
      const node: FieldNode = leaf(`http.${name.replace(/-/g, '_') || 'unknown_header'}`, formatText(l), at, l.length, value);
      if (name === 'host') host = value;
      if (name === 'content-type') contentType = value;
      if (name === 'content-length') {
        contentLength = Number(value);
        node.children = [leaf('http.content_length', `[Content length: ${contentLength}]`, at, 0, contentLength)];
      }
      kids.push(node);
    }
    if (response) {
      conv.responses++;
      kids.push(leaf('http.response_number', `[HTTP response ${conv.responses}/${Math.max(conv.responses, conv.requests.length)}]`, 0, 0, conv.responses));
      if (conv.lastResponse) kids.push(leaf('http.prev_response_in', `[Prev response in frame: ${conv.lastResponse}]`, 0, 0, conv.lastResponse));
      conv.lastResponse = frame;
      const req = conv.requests[conv.responses - 1];
      if (req) {
        const d = nsDelta(time, req.time);
        kids.push(leaf('http.time', `[Time since request: ${nsSeconds(d.sec * 1e9 + d.nsec)} seconds]`, 0, 0));
        kids.push(leaf('http.request_in', `[Request in frame: ${req.frame}]`, 0, 0, req.frame));
        kids.push(leaf('http.response_for.uri', `[Request URI: ${req.uri}]`, 0, 0, req.uri));
      }
    } else {
      const uri = `http://${host}${parts[1] ?? ''}`;
      kids.push(leaf('http.request.full_uri', `[Full request URI: ${uri}]`, 0, 0, uri));
      const prev = conv.requests[conv.requests.length - 1];
      conv.requests.push({ frame, time, uri });
      kids.push(leaf('http.request_number', `[HTTP request ${conv.requests.length}/${conv.requests.length}]`, 0, 0, conv.requests.length));
      if (prev) kids.push(leaf('http.prev_request_in', `[Prev request in frame: ${prev.frame}]`, 0, 0, prev.frame));
    }
    const bodyAt = end < 0 ? bytes.length : end;
    const body = bytes.subarray(bodyAt, contentLength >= 0 ? bodyAt + contentLength : bytes.length);
    const out: FieldNode[] = [{ field: 'http', label: 'Hypertext Transfer Protocol', offset: at, length, children: kids }];
    if (body.length > 0) {
      kids.push(leaf('http.file_data', `File Data: ${body.length} bytes`, at, 0));
      const type = contentType.split(';')[0]!.trim().toLowerCase();
      if (type.startsWith('text/') && type !== 'text/xml') out.push(textLines(body, type, at, length));
    }
    return out;
  }
}

/** packet-text-media.c: "Line-based text data: text/html (1 lines)", then each line. */
function textLines(body: Uint8Array, type: string, at: number, length: number): FieldNode {
  const lines = headLines(latin1(body));
  const kids = lines.map((l) => leaf('data-text-lines.line', formatText(l), at, 0));
  return { field: 'data-text-lines', label: `Line-based text data: ${type} (${lines.length} lines)`, offset: at, length, children: kids };
}

/** The reason phrases Wireshark knows (vals_http_status_code), for [Status Code Description]. */
const STATUS: ReadonlyMap<number, string> = new Map([
  [100, 'Continue'], [101, 'Switching Protocols'], [102, 'Processing'], [103, 'Early Hints'], [200, 'OK'], [201, 'Created'],
  [202, 'Accepted'], [203, 'Non-authoritative Information'], [204, 'No Content'], [205, 'Reset Content'], [206, 'Partial Content'],
  [207, 'Multi-Status'], [208, 'Already Reported'], [226, 'IM Used'], [300, 'Multiple Choices'], [301, 'Moved Permanently'],
  [302, 'Found'], [303, 'See Other'], [304, 'Not Modified'], [305, 'Use Proxy'], [307, 'Temporary Redirect'],
  [308, 'Permanent Redirect'], [400, 'Bad Request'], [401, 'Unauthorized'], [402, 'Payment Required'], [403, 'Forbidden'],
  [404, 'Not Found'], [405, 'Method Not Allowed'], [406, 'Not Acceptable'], [407, 'Proxy Authentication Required'],
  [408, 'Request Time-out'], [409, 'Conflict'], [410, 'Gone'], [411, 'Length Required'], [412, 'Precondition Failed'],
  [413, 'Request Entity Too Large'], [414, 'Request-URI Too Long'], [415, 'Unsupported Media Type'],
  [416, 'Requested Range Not Satisfiable'], [417, 'Expectation Failed'], [418, "I'm a teapot"], [421, 'Misdirected Request'],
  [422, 'Unprocessable Entity'], [423, 'Locked'], [424, 'Failed Dependency'], [425, 'Too Early'], [426, 'Upgrade Required'],
  [428, 'Precondition Required'], [429, 'Too Many Requests'], [431, 'Request Header Fields Too Large'],
  [451, 'Unavailable For Legal Reasons'], [500, 'Internal Server Error'], [501, 'Not Implemented'], [502, 'Bad Gateway'],
  [503, 'Service Unavailable'], [504, 'Gateway Time-out'], [505, 'HTTP Version not supported'], [506, 'Variant Also Negotiates'],
  [507, 'Insufficient Storage'], [508, 'Loop Detected'], [510, 'Not Extended'], [511, 'Network Authentication Required'],
]);
