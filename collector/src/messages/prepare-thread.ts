import { createHash } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import { CreateMessageRequestSchema } from '@beacon/shared/api/messages';
import { SCHEDULE_HORIZON_MS } from '@beacon/shared/schedule';
import { ApiFailure, fail, parseWith } from '../http/errors.ts';
import { lowerThreadPriority } from '../thread-priority.ts';
import { createSigner } from '../track/token.ts';
import { trackingUrls } from '../track/urls.ts';
import { checkScheduledAt, wholeSeconds } from './schedule.ts';
import { messageResponse, prepareMessage, type CreateMessage } from './prepare.ts';
import type { FromPrepareThread, PrepareJob, PrepareThreadData } from './preparer.ts';

/**
 * The registration's CPU work, off the thread that answers pixels and redirects: a 5 MB body's JSON, its validation
 * and the link engine's rewrite took up to seconds there, and every pixel waited meanwhile. This thread takes the
 * request body's bytes and gives back the row to store and the response's JSON, both ready.
 */
const data = workerData as PrepareThreadData;
const signer = createSigner(data.secret);
lowerThreadPriority(10); // below the request thread, above the write thread: a sender is waiting for the answer
const port = parentPort!;

port.on('message', (job: PrepareJob) => {
  try {
    const req = parse(job.body);
    const sentAt = !job.stored && req.scheduledAt ? wholeSeconds(Date.parse(req.scheduledAt)) : job.sentAt;
    if (sentAt !== job.sentAt) checkScheduledAt(sentAt, job.sentAt, SCHEDULE_HORIZON_MS);
    const urls = trackingUrls(data.publicUrl, signer, {
      workspaceId: job.sender.workspaceId,
      messageId: job.messageId,
      sentAt,
      ...(req.recipients.length === 1 ? { recipient: 0 } : {}),
    });
    const prepared = prepareMessage(req, urls, { publicUrl: data.publicUrl, senderEmail: job.sender.email });
    const { html: _html, ...request } = req;
    port.postMessage({
      id: job.id,
      ok: true,
      request,
      requestHash: createHash('sha256').update(JSON.stringify(req)).digest('hex'),
      sentAt,
      links: prepared.links,
      html: prepared.html,
      response: JSON.stringify(messageResponse(job.messageId, urls, prepared)),
    } satisfies FromPrepareThread);
  } catch (e) {
    const error = e instanceof ApiFailure ? { code: e.code, message: e.message, field: e.field } : { code: 'internal' as const, message: String(e) };
    port.postMessage({ id: job.id, ok: false, error } satisfies FromPrepareThread);
  }
});

port.postMessage({ ready: true } satisfies FromPrepareThread);

/** The body as the API takes it: JSON (400 when it does not parse), valid per the shared schema (400 naming the field). */
function parse(body: Uint8Array): CreateMessage {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8'));
  } catch {
    fail('bad_request', 'the body is not valid JSON');
  }
  return parseWith(CreateMessageRequestSchema, json);
}
