import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './env.ts';

describe('configuration', () => {
  it('has working defaults', () => {
    const c = loadConfig({});
    expect(c.port).toBe(8787);
    expect(c.publicUrl).toBe('http://localhost:8787');
    expect(c.databaseUrl).toBeUndefined();
    expect(c.retentionDays).toBe(90);
    expect(c.scannerWindowMs).toBe(10_000);
    expect(c.dataDir).toBe(fileURLToPath(new URL('../.beacon', import.meta.url))); // collector/.beacon, wherever it starts
    expect(c.spoolDir).toBe(`${c.dataDir}/spool/main`);
  });

  it('reads values, and treats blank ones as unset', () => {
    const c = loadConfig({
      PORT: '9000',
      PUBLIC_URL: 'https://t.example.com/',
      BEACON_SCANNER_WINDOW_SECONDS: '2.5',
      BEACON_TRUST_PROXY: 'true',
      BEACON_CORS_ORIGINS: 'https://a.example, https://b.example',
      DATABASE_URL: ' ',
    });
    expect(c).toMatchObject({ port: 9000, publicUrl: 'https://t.example.com', scannerWindowMs: 2500, trustProxy: true });
    expect(c.corsOrigins).toEqual(['https://a.example', 'https://b.example']);
    expect(c.databaseUrl).toBeUndefined();
  });

  it('names every bad variable, with its value unless that is a secret', () => {
    let err: unknown;
    try {
      loadConfig({ PORT: 'eighty', PUBLIC_URL: 'ftp://x', DATABASE_URL: 'mysql://root:pw-123@x', BEACON_SECRET: 'short-secret', BEACON_ACCESS_LOG: 'maybe' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const { message, problems } = err as ConfigError;
    expect(problems.map((p) => p.variable)).toEqual(['PORT', 'PUBLIC_URL', 'DATABASE_URL', 'BEACON_SECRET', 'BEACON_ACCESS_LOG']);
    for (const part of [
      'PORT="eighty"',
      'PUBLIC_URL="ftp://x"',
      'DATABASE_URL (value not shown)',
      'BEACON_SECRET (value not shown)',
      'BEACON_ACCESS_LOG="maybe"',
    ]) {
      expect(message).toContain(part);
    }
    expect(message).not.toContain('short-secret');
    expect(message).not.toContain('pw-123');
  });

  it('keeps the access log off unless asked', () => {
    expect(loadConfig({}).accessLog).toBe(false);
    expect(loadConfig({ BEACON_ACCESS_LOG: 'on' }).accessLog).toBe(true);
  });
});
