// @vitest-environment node
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { cmd } from 'web-ext';
import { LOCAL_HOSTS, manifestFor } from './manifest';
import { MAIL_HOSTS } from './src/hosts/mail-hosts';

/** What `pnpm package` (run by `pnpm test` before the tests) hands to the stores. */
const OUTPUT = join(import.meta.dirname, '.output');
const { version } = JSON.parse(readFileSync(join(import.meta.dirname, 'package.json'), 'utf8')) as { version: string };
const zipOf = (browser: string) => join(OUTPUT, `beacon-${version}-${browser}.zip`);

/** One file of a zip, read through its central directory (stored or deflated, as zip tools write them). */
function readZipEntry(zipPath: string, name: string): Buffer | undefined {
  const zip = readFileSync(zipPath);
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let at = zip.readUInt32LE(end + 16);
  for (let i = 0; i < zip.readUInt16LE(end + 10); i++) {
    const nameLength = zip.readUInt16LE(at + 28);
    if (zip.toString('utf8', at + 46, at + 46 + nameLength) === name) {
      const local = zip.readUInt32LE(at + 42);
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + zip.readUInt32LE(at + 20));
      return zip.readUInt16LE(at + 10) === 8 ? inflateRawSync(data) : data;
    }
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return undefined;
}

function manifestIn(browser: string): Record<string, unknown> {
  if (!existsSync(zipOf(browser))) throw new Error(`${zipOf(browser)} is missing: run \`pnpm --filter @beacon/extension package\` first`);
  return JSON.parse(readZipEntry(zipOf(browser), 'manifest.json')!.toString('utf8')) as Record<string, unknown>;
}

const PERMISSIONS = ['alarms', 'declarativeNetRequest', 'notifications', 'scripting', 'storage'];

describe('the Chrome package', () => {
  const manifest = manifestIn('chrome');

  it('asks for exactly the permissions Beacon uses, and no local hosts', () => {
    expect([...(manifest.permissions as string[])].sort()).toEqual(PERMISSIONS);
    expect(manifest.host_permissions).toEqual(MAIL_HOSTS);
    expect(manifest.optional_host_permissions).toEqual(['https://*/*', 'http://*/*']);
    expect(JSON.stringify(manifest)).not.toMatch(/localhost|127\.0\.0\.1/);
  });

  it('makes no file web-accessible, and carries no Firefox-only keys', () => {
    expect(manifest.web_accessible_resources).toBeUndefined();
    expect(manifest.browser_specific_settings).toBeUndefined();
  });

  it('keeps each composer script within its budget: 150 KiB minified (editor bridges load apart, where their editor is)', () => {
    const scripts = (manifest.content_scripts as { js: string[] }[]).flatMap((c) => c.js);
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) expect(readZipEntry(zipOf('chrome'), script)!.length / 1024, script).toBeLessThanOrEqual(150);
  });

  it("has package.json's version and a name in English, Spanish, German and French", () => {
    expect(manifest.version).toBe(version);
    expect(manifest.name).toBe('__MSG_extName__');
    for (const locale of ['en', 'es', 'de', 'fr']) {
      const messages = JSON.parse(readZipEntry(zipOf('chrome'), `_locales/${locale}/messages.json`)!.toString('utf8')) as Record<string, { message: string }>;
      expect(messages.extName?.message).toBe('Beacon');
    }
  });
});

describe('the Firefox package', () => {
  const manifest = manifestIn('firefox');

  it('has the same permissions, its add-on id and its data collection declared', () => {
    expect([...(manifest.permissions as string[])].sort()).toEqual(PERMISSIONS);
    expect(manifest.host_permissions).toEqual(MAIL_HOSTS);
    expect(manifest).toMatchObject({
      version,
      browser_specific_settings: { gecko: { id: 'beacon@beacon.example', data_collection_permissions: { required: expect.any(Array) } } },
    });
  });

  /** Warnings AMO shows its reviewers, each with why it stays (code, file, message). */
  const ACCEPTED: [string, RegExp, RegExp, string][] = [
    [
      'UNSAFE_VAR_ASSIGNMENT',
      /^(chunks\/.*|content-scripts\/(mail|esp)|mailbox-card)\.js$/,
      /innerHTML/,
      "Vue's runtime inserting its own static template markup",
    ],
    [
      'UNSAFE_VAR_ASSIGNMENT',
      /^content-scripts\/(mail|esp)\.js$/,
      /createContextualFragment|innerHTML/,
      "the composer's editor given the user's own draft back, tracked",
    ],
    ['DANGEROUS_EVAL', /^background\.js$/, /Function constructor/, "zod's probe for eval, which the extension CSP refuses, so it never compiles"],
  ];

  it('passes web-ext lint: no errors, and no warning but the accepted ones', async () => {
    const result = await cmd.lint({ sourceDir: join(OUTPUT, 'firefox-mv3'), output: 'none', selfHosted: false, boring: true }, { shouldExitProgram: false });
    expect(result.errors).toEqual([]);
    const unexplained = result.warnings.filter(
      (w) => !ACCEPTED.some(([code, file, message]) => w.code === code && file.test(w.file ?? '') && message.test(w.message)),
    );
    expect(unexplained).toEqual([]);
  }, 60_000);
});

describe('a development build', () => {
  it('keeps the local hosts: a local collector and ESP page without a prompt', () => {
    const dev = manifestFor({ mode: 'development', browser: 'chrome', manifestVersion: 3, command: 'build' });
    expect(dev.host_permissions).toEqual([...MAIL_HOSTS, ...LOCAL_HOSTS]);
  });
});
