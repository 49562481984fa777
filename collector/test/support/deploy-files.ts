/**
 * Readers for the deployment files (Dockerfile, the systemd unit), so tests run exactly the commands they hold.
 * Only what those files use: no build arguments, no heredocs.
 */
export interface Instruction {
  name: string;
  args: string;
}

/** The instructions of a Dockerfile's last stage, continuation lines joined, comments dropped. */
export function lastStage(dockerfile: string): Instruction[] {
  const lines = dockerfile
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim());
  const all = lines
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => {
      const [name, ...rest] = l.split(/\s+/);
      return { name: name!.toUpperCase(), args: rest.join(' ') };
    });
  return all.slice(all.findLastIndex((i) => i.name === 'FROM'));
}

/** The `RUN` lines of every stage. */
export function runLines(dockerfile: string): string[] {
  return dockerfile
    .replace(/\\\n/g, ' ')
    .split('\n')
    .filter((l) => /^RUN\s/.test(l))
    .map((l) => l.slice(4).trim());
}

/** `ENV A=1 B=2` instructions as one object (unquoted values only, as ours are). */
export function envOf(stage: Instruction[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const i of stage.filter((i) => i.name === 'ENV')) {
    for (const pair of i.args.split(/\s+/)) {
      const eq = pair.indexOf('=');
      env[pair.slice(0, eq)] = pair.slice(eq + 1);
    }
  }
  return env;
}

/** An exec-form (JSON array) CMD, or the part of HEALTHCHECK after its options. */
export function execForm(args: string): string[] {
  return JSON.parse(args.slice(args.indexOf('['))) as string[];
}

/** A unit file's `[Service]` settings; a key set several times keeps each value. */
export function serviceSection(unit: string): Map<string, string[]> {
  const settings = new Map<string, string[]>();
  let section = '';
  for (const raw of unit.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    if (line.startsWith('[')) section = line;
    else if (section === '[Service]') {
      const eq = line.indexOf('=');
      const key = line.slice(0, eq);
      settings.set(key, [...(settings.get(key) ?? []), line.slice(eq + 1)]);
    }
  }
  return settings;
}

/** KEY=value lines of an environment file (systemd's EnvironmentFile, also read by `docker --env-file`). */
export function envFile(text: string): Record<string, string> {
  return Object.fromEntries(
    text
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'))
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
}
