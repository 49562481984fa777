import { createServer, connect, type Socket } from 'node:net';

export interface Hold {
  /** Resolves once a matching request is held. */
  held: Promise<void>;
  /** How many matching requests came while holding (those past `times` included). */
  count(): number;
  /**
   * Stops holding. A request held whole stays held (it dies with its connection); a request held by its last
   * byte gets that byte and goes on to the collector.
   */
  release(): void;
}

export type HoldMode = 'whole' | 'last-byte' | 'answer';

export interface HoldingProxy {
  url: string;
  port: number;
  /**
   * Holds requests whose bytes match `pattern` (e.g. /^POST \/api\/messages /m) until `release()`.
   * `whole`: every matching request, none of it reaching the collector (the browser's own retry of it included).
   * When the collector then closes such a connection (it stops), the client gets a connection reset in the middle
   * of its request, as from a server gone away.
   * `last-byte`: the first matching request reaches the collector but for its last byte, so the collector has it
   * in progress and cannot finish it before `release()`.
   * `answer`: matching requests reach the collector whole, but its answer never reaches the client: the connection
   * is reset when the answer's first bytes come, as by a load balancer cutting it after the collector's commit.
   * `times`: how many matching requests are held (1 for `last-byte`, else every one); later ones pass untouched.
   * Several holds may be active at once, for different requests.
   */
  hold(pattern: RegExp, mode: HoldMode, times?: number): Hold;
  /** Connections reset while a request on them was held, or as an answer on them was lost. */
  resets(): number;
  close(): Promise<void>;
}

/**
 * A plain TCP proxy on 127.0.0.1 in front of `targetPort`: each client connection gets its own connection to the
 * target, bytes pass through untouched, and a connection the target refuses or drops is closed for the client.
 * The target may stop and start again on the same port; new connections reach whichever process listens then.
 */
export async function startHoldingProxy(targetPort: number): Promise<HoldingProxy> {
  interface Active {
    pattern: RegExp;
    mode: HoldMode;
    times: number;
    count: number;
    resolve(): void;
    resume?: () => void;
  }
  const holds = new Set<Active>();
  let resets = 0;
  const sockets = new Set<Socket>();

  const server = createServer((client) => {
    sockets.add(client);
    const upstream = connect(targetPort, '127.0.0.1');
    sockets.add(upstream);
    /** Set while this connection holds a request: whatever the client sends meanwhile waits here. */
    let pending: Buffer[] | undefined;
    /** Set while the answer to a request on this connection is to be lost. */
    let losing = false;
    let tail = '';

    client.on('data', (chunk) => {
      if (pending) return void pending.push(chunk);
      const text = tail + chunk.toString('latin1');
      tail = text.slice(-64);
      const hold = [...holds].find((h) => h.pattern.test(text));
      if (!hold) return void upstream.write(chunk);
      hold.count += 1;
      hold.resolve();
      if (hold.count > hold.times) return void upstream.write(chunk);
      if (hold.mode === 'answer') {
        losing = true;
        return void upstream.write(chunk);
      }
      if (hold.mode === 'whole') {
        pending = [chunk];
        return;
      }
      upstream.write(chunk.subarray(0, -1));
      pending = [chunk.subarray(-1)];
      hold.resume = () => {
        if (!pending || upstream.destroyed) return;
        for (const part of pending) upstream.write(part);
        pending = undefined;
      };
    });
    upstream.on('data', (chunk) => {
      if (!losing) return void client.write(chunk);
      resets += 1;
      client.resetAndDestroy();
      upstream.destroy();
    });

    const cut = () => {
      if (client.destroyed) return;
      if (pending) {
        resets += 1;
        client.resetAndDestroy();
      } else client.destroy();
    };
    upstream.on('error', cut); // refused while the collector is down, or reset
    upstream.on('close', cut);
    client.on('error', () => upstream.destroy());
    client.on('close', () => {
      sockets.delete(client);
      upstream.destroy();
    });
    upstream.on('close', () => sockets.delete(upstream));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const port = (server.address() as { port: number }).port;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    hold(pattern, mode, times = mode === 'last-byte' ? 1 : Infinity) {
      let resolve!: () => void;
      const held = new Promise<void>((r) => (resolve = r));
      const hold: Active = { pattern, mode, times, count: 0, resolve };
      holds.add(hold);
      return {
        held,
        count: () => hold.count,
        release() {
          holds.delete(hold);
          hold.resume?.();
        },
      };
    },
    resets: () => resets,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
