import type { z } from 'zod';
import { i18n } from '#i18n';
import { ApiErrorSchema } from '@beacon/shared/api/errors';
import { apiTokenItem, collectorUrlItem } from '../utils/storage';
import type { Result } from '../utils/messaging';

/** A send waits at most this long for the collector; past it the user chooses. */
export const COLLECTOR_TIMEOUT_MS = 3000;

export interface Credentials {
  collectorUrl: string;
  token: string;
}

interface CallOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  body?: unknown;
  headers?: Record<string, string>;
  timeoutMs?: number;
  credentials?: Credentials;
}

/** Calls the collector and parses the answer with the shared schema: the only place the extension touches the network. */
export async function callCollector<S extends z.ZodType>(schema: S, path: string, options: CallOptions = {}): Promise<Result<z.infer<S>>> {
  const credentials = options.credentials ?? (await storedCredentials());
  if (!credentials) return { ok: false, reason: 'not-signed-in', message: i18n.t('collectorError.notSignedIn') };
  let response: Response;
  try {
    response = await fetch(new URL(path, credentials.collectorUrl), {
      method: options.method ?? 'GET',
      headers: {
        authorization: `Bearer ${credentials.token}`,
        ...options.headers,
        ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: AbortSignal.timeout(options.timeoutMs ?? COLLECTOR_TIMEOUT_MS),
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'TimeoutError')
      return { ok: false, reason: 'timeout', message: i18n.t('collectorError.timeout', { url: credentials.collectorUrl }) };
    return { ok: false, reason: 'unreachable', message: i18n.t('collectorError.unreachable', { url: credentials.collectorUrl }) };
  }
  const status = response.status;
  if (status === 401) return { ok: false, reason: 'unauthorized', message: i18n.t('collectorError.unauthorized'), status };
  const json: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const apiError = ApiErrorSchema.safeParse(json);
    const message = apiError.success ? apiError.data.message : i18n.t('collectorError.status', { status });
    return { ok: false, reason: 'rejected', message, status };
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) return { ok: false, reason: 'rejected', message: i18n.t('collectorError.unreadable'), status };
  return { ok: true, value: parsed.data };
}

export async function storedCredentials(): Promise<Credentials | null> {
  const [collectorUrl, token] = await Promise.all([collectorUrlItem.getValue(), apiTokenItem.getValue()]);
  return collectorUrl && token ? { collectorUrl, token } : null;
}

/** `https://x.example/beacon/` -> `https://x.example`; null when it is not an http(s) URL. */
export function normalizeCollectorUrl(input: string): string | null {
  try {
    const url = new URL(input.trim());
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
    return url.origin;
  } catch {
    return null;
  }
}
