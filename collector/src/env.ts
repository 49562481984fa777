import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { PACKAGE_DIR } from './package-dir.ts';

/** Environment, parsed once at start; every variable and its default is documented in the README (Configuration). */
const flag = z.enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off', '']).transform((v) => ['1', 'true', 'yes', 'on'].includes(v));
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const EnvSchema = z.object({
  PORT: int(0, 65535).default(8787),
  HOST: z.string().min(1).optional(),
  PUBLIC_URL: z.url({ protocol: /^https?$/, error: 'must be an absolute http(s) URL such as https://t.example.com' }).optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  BEACON_DATA_DIR: z.string().min(1).optional(),
  BEACON_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  BEACON_INSTANCE_ID: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,64}$/, 'letters, digits, _ . - only (at most 64)')
    .default('main'),
  BEACON_SPOOL_DIR: z.string().min(1).optional(),
  BEACON_RETENTION_DAYS: int(1, 36500).default(90),
  BEACON_SCANNER_WINDOW_SECONDS: z.coerce.number().min(0).max(3600).default(10),
  BEACON_RATE_LIMIT_PER_MINUTE: int(1, 1_000_000).default(600),
  BEACON_RATE_LIMIT_BURST: int(1, 1_000_000).default(120),
  BEACON_DB_POOL_MAX: int(1, 200).default(10),
  BEACON_TRUST_PROXY: flag.default(false),
  BEACON_SHUTDOWN_TIMEOUT_SECONDS: z.coerce.number().min(0).max(600).default(10),
  BEACON_CORS_ORIGINS: z.string().default(''),
  BEACON_WORKSPACE_NAME: z.string().min(1).max(200).default('My workspace'),
  BEACON_ADMIN_EMAIL: z.email().default('admin@example.com'),
  BEACON_LOG: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  BEACON_ACCESS_LOG: flag.default(false),
});

/** Variables whose value a configuration error must not print (a database URL may hold a password). */
const SECRET = new Set(['BEACON_SECRET', 'DATABASE_URL']);

export interface Config {
  port: number;
  host: string | undefined;
  publicUrl: string;
  databaseUrl: string | undefined;
  dataDir: string;
  /** Signing key material; resolved from the data dir by `resolveSecret` when not set. */
  secret: string | undefined;
  instanceId: string;
  spoolDir: string;
  retentionDays: number;
  scannerWindowMs: number;
  rateLimit: { perMinute: number; burst: number };
  poolMax: number;
  trustProxy: boolean;
  shutdownTimeoutMs: number;
  corsOrigins: string[];
  bootstrap: { workspaceName: string; adminEmail: string };
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  /** A log line per tracking request (pixel, redirect, mirror and unsubscribe pages). */
  accessLog: boolean;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(readonly problems: { variable: string; problem: string }[]) {
    super(`invalid configuration: ${problems.map((p) => p.problem).join('; ')}`);
  }
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = EnvSchema.safeParse(withoutBlanks(env));
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => {
        const variable = String(i.path[0] ?? '');
        const value = SECRET.has(variable) ? ' (value not shown)' : `=${JSON.stringify(env[variable] ?? '')}`;
        return { variable, problem: `${variable}${value}: ${i.message}` };
      }),
    );
  }
  const e = parsed.data;
  // Unset: beside the collector's code (collector/.beacon), so the collector and the CLI agree wherever they start.
  const dataDir = resolve(e.BEACON_DATA_DIR ?? fileURLToPath(new URL('.beacon', PACKAGE_DIR)));
  return {
    port: e.PORT,
    host: e.HOST,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    databaseUrl: e.DATABASE_URL,
    dataDir,
    secret: e.BEACON_SECRET,
    instanceId: e.BEACON_INSTANCE_ID,
    spoolDir: resolve(e.BEACON_SPOOL_DIR ?? `${dataDir}/spool/${e.BEACON_INSTANCE_ID}`),
    retentionDays: e.BEACON_RETENTION_DAYS,
    scannerWindowMs: e.BEACON_SCANNER_WINDOW_SECONDS * 1000,
    rateLimit: { perMinute: e.BEACON_RATE_LIMIT_PER_MINUTE, burst: e.BEACON_RATE_LIMIT_BURST },
    poolMax: e.BEACON_DB_POOL_MAX,
    trustProxy: e.BEACON_TRUST_PROXY,
    shutdownTimeoutMs: e.BEACON_SHUTDOWN_TIMEOUT_SECONDS * 1000,
    corsOrigins: e.BEACON_CORS_ORIGINS.split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    bootstrap: { workspaceName: e.BEACON_WORKSPACE_NAME, adminEmail: e.BEACON_ADMIN_EMAIL.toLowerCase() },
    logLevel: e.BEACON_LOG,
    accessLog: e.BEACON_ACCESS_LOG,
  };
}

/** An empty variable (`PORT=`) means "use the default", as in most shells' `.env` habits. */
function withoutBlanks(env: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined && v.trim() !== '') out[k] = v.trim();
  return out;
}
