// Prints every text frame of an Enishi stream, one per line, until killed: the smallest
// WebSocket client (RFC 6455) that the shell tests need, on Node's own net module.
// Usage: node ws_tail.mjs http://127.0.0.1:PORT/api/v1/stream BEARER_TOKEN
import { createHash, randomBytes } from 'node:crypto';
import { connect } from 'node:net';

const [url, token] = process.argv.slice(2);
const { hostname, port, pathname, search } = new URL(url);
const key = randomBytes(16).toString('base64');
const socket = connect(Number(port), hostname);
socket.on('connect', () => {
  socket.write(
    `GET ${pathname}${search} HTTP/1.1\r\nHost: ${hostname}:${port}\r\n` +
      `Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${key}\r\n` +
      `Sec-WebSocket-Version: 13\r\nAuthorization: Bearer ${token}\r\n\r\n`,
  );
});

let buffer = Buffer.alloc(0);
let upgraded = false;
socket.on('data', (chunk) => {
  buffer = Buffer.concat([buffer, chunk]);
  if (!upgraded) {
    const end = buffer.indexOf('\r\n\r\n');
    if (end < 0) return;
    const head = buffer.subarray(0, end).toString();
    const accept = createHash('sha1')
      .update(key + '258EAFA5-E914-47DA-95CA-C5AB0DC85B11')
      .digest('base64');
    if (!head.startsWith('HTTP/1.1 101') || !head.includes(accept)) {
      console.error(head);
      process.exit(1);
    }
    upgraded = true;
    buffer = buffer.subarray(end + 4);
  }
  // Server frames are unmasked; the stream sends whole text frames.
  while (buffer.length >= 2) {
    const opcode = buffer[0] & 0x0f;
    let length = buffer[1] & 0x7f;
    let offset = 2;
    if (length === 126) {
      if (buffer.length < 4) return;
      length = buffer.readUInt16BE(2);
      offset = 4;
    } else if (length === 127) {
      if (buffer.length < 10) return;
      length = Number(buffer.readBigUInt64BE(2));
      offset = 10;
    }
    if (buffer.length < offset + length) return;
    const payload = buffer.subarray(offset, offset + length);
    buffer = buffer.subarray(offset + length);
    if (opcode === 0x1) console.log(payload.toString());
    if (opcode === 0x8) process.exit(0);
    if (opcode === 0x9 && payload.length < 126) {
      // Pong, masked as every client frame must be.
      const mask = randomBytes(4);
      const masked = Buffer.from(payload.map((byte, i) => byte ^ mask[i % 4]));
      socket.write(Buffer.concat([Buffer.from([0x8a, 0x80 | payload.length]), mask, masked]));
    }
  }
});
socket.on('close', () => process.exit(0));
socket.on('error', (error) => {
  console.error(error.message);
  process.exit(1);
});
