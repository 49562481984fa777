import { AsyncLocalStorage } from 'node:async_hooks';
import pino from 'pino';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
export interface Logger {
  debug(msg: string, extra?: unknown): void;
  info(msg: string, extra?: unknown): void;
  warn(msg: string, extra?: unknown): void;
  error(msg: string, extra?: unknown): void;
}

const requestIds = new AsyncLocalStorage<string>();

/** Runs `fn` (an API request's handling) so that every line logged inside it carries `reqId`. */
export function withRequestId<T>(id: string, fn: () => T): T {
  return requestIds.run(id, fn);
}

/**
 * JSON lines (pino) on stderr, one a message: `{"level":"warn","time":"…","msg":"…",…}`; stdout is kept for what a
 * person must read (the first sign-in token). `extra`: an Error becomes `error` (its stack only at level error), an
 * object adds its fields, anything else is `detail`. `write` replaces stderr (tests).
 */
export function createLogger(level: LogLevel, write?: (line: string) => void): Logger {
  const logger = pino(
    {
      level,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin: () => {
        const reqId = requestIds.getStore();
        return reqId === undefined ? {} : { reqId };
      },
    },
    write ? { write } : pino.destination({ dest: 2, sync: false }),
  );
  const at = (l: Exclude<LogLevel, 'silent'>) => (msg: string, extra?: unknown) => {
    if (!logger.isLevelEnabled(l)) return;
    if (extra === undefined) logger[l](msg);
    else logger[l](fields(extra, l === 'error'), msg);
  };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

function fields(extra: unknown, withStack: boolean): object {
  if (extra instanceof Error) {
    const code = (extra as { code?: unknown }).code;
    return { error: { type: extra.name, message: extra.message, ...(code === undefined ? {} : { code }), ...(withStack ? { stack: extra.stack } : {}) } };
  }
  if (typeof extra === 'object' && extra !== null && !Array.isArray(extra)) return extra;
  return { detail: extra };
}
