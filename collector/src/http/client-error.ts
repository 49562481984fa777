import type { Duplex } from 'node:stream';
import { errorBody } from './errors.ts';

/**
 * Requests node:http refuses before any route sees them (a URL or headers over 16 KB, bytes that are not HTTP):
 * answered with the same JSON `{code, message}` as every other client mistake, instead of node's empty reply.
 */
export function answerClientError(err: Error & { code?: string }, socket: Duplex): void {
  // As node does: never write into a response already under way on this connection.
  const inFlight = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (err.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent) {
    socket.destroy();
    return;
  }
  const [status, message] =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? ['431 Request Header Fields Too Large', 'the URL or headers are too long (16 KB at most)']
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? ['408 Request Timeout', 'the request took too long to arrive']
        : ['400 Bad Request', 'the request is not valid HTTP'];
  const body = JSON.stringify(errorBody('bad_request', message));
  socket.end(
    `HTTP/1.1 ${status}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
      `Cache-Control: no-store\r\nConnection: close\r\n\r\n${body}`,
  );
}
