import { connect } from 'node:net';
import { ApiErrorSchema, type ApiError } from '@beacon/shared/api/errors';
import { CreateMessageResponseSchema, type CreateMessageRequest, type CreateMessageResponse } from '@beacon/shared/api/messages';
import { expect } from 'vitest';

/** Registers a message through the real HTTP API, as an integration would. */
export async function register(base: string, token: string, body: Partial<CreateMessageRequest> & { html: string }): Promise<CreateMessageResponse> {
  const res = await fetch(`${base}/api/messages`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ subject: 'Security', recipients: [{ email: 'victim@client.example' }], ...body }),
  });
  if (res.status !== 201) throw new Error(`register: ${res.status} ${await res.text()}`);
  return CreateMessageResponseSchema.parse(await res.json());
}

/** A client's mistake: a 4xx whose body is the shared `{code, message}`. */
export async function expectApiError(res: Response, what: string, status?: number): Promise<ApiError> {
  const text = await res.text();
  expect(res.status, `${what}: ${res.status} ${text.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
  expect(res.status, `${what}: ${res.status} ${text.slice(0, 200)}`).toBeLessThan(500);
  if (status !== undefined) expect(res.status, `${what}: ${text.slice(0, 200)}`).toBe(status);
  expect(res.headers.get('content-type'), what).toContain('application/json');
  const parsed = ApiErrorSchema.safeParse(JSON.parse(text));
  expect(parsed.success, `${what}: ${text.slice(0, 200)}`).toBe(true);
  return parsed.data!;
}

/**
 * Sends bytes as they are (a request line with raw non-UTF-8 bytes, or a lying header no fetch() would send) and
 * returns the status and body of the answer.
 */
export function rawRequest(port: number, request: Buffer): Promise<{ status: number; headers: string; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.setTimeout(20_000, () => socket.destroy(new Error('raw request timed out')));
    socket.on('data', (d) => {
      chunks.push(d);
      const text = Buffer.concat(chunks).toString('latin1');
      const end = text.indexOf('\r\n\r\n');
      if (end < 0) return;
      const length = /\r\ncontent-length:\s*(\d+)/i.exec(text.slice(0, end))?.[1];
      if (length !== undefined && Buffer.byteLength(text.slice(end + 4), 'latin1') >= Number(length)) socket.end();
    });
    // The server may answer (413) and close before the whole body is written: the answer is what counts.
    socket.on('error', (e) => chunks.length === 0 && reject(e));
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('latin1');
      const end = text.indexOf('\r\n\r\n');
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1] ?? 0);
      const headers = text.slice(0, Math.max(0, end));
      const body = end < 0 ? '' : text.slice(end + 4);
      const bytes = /\r\ntransfer-encoding:\s*chunked/i.test(headers) ? dechunk(body) : body;
      resolve({ status, headers, body: Buffer.from(bytes, 'latin1').toString('utf8') });
    });
    socket.write(request);
  });
}

function dechunk(body: string): string {
  let out = '';
  let rest = body;
  for (;;) {
    const line = rest.indexOf('\r\n');
    const size = parseInt(rest.slice(0, line), 16);
    if (line < 0 || !size) return out;
    out += rest.slice(line + 2, line + 2 + size);
    rest = rest.slice(line + 2 + size + 2);
  }
}
