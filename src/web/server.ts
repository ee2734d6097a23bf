// Listening on a port: the one place that binds the hono app to node's HTTP server.
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { TongbiaoError } from '../errors.js';
import { createApp, type AppOptions } from './app.js';

export interface Listening {
  url: string;
  port: number;
  close(): Promise<void>;
}

export function listen(options: AppOptions & { port: number; host: string }): Promise<Listening> {
  const app = createApp(options);
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port: options.port, hostname: options.host });
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        new TongbiaoError(
          error.code === 'EADDRINUSE'
            ? `port ${options.port} on ${options.host} is already in use (try --port)`
            : `cannot listen on ${options.host}:${options.port}: ${error.message}`,
        ),
      );
    });
    server.once('listening', () => {
      const port = (server.address() as AddressInfo).port;
      const host = options.host.includes(':') ? `[${options.host}]` : options.host;
      resolve({
        url: `http://${host}:${port}/`,
        port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            // idle keep-alive connections would hold close() open
            (server as { closeAllConnections?: () => void }).closeAllConnections?.();
          }),
      });
    });
  });
}

/** Resolves when the process is asked to stop (Ctrl-C, SIGTERM). */
export function untilStopped(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

export function parsePort(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d{1,5}$/.test(value) || Number(value) > 65535) throw new TongbiaoError(`--port must be a number from 0 to 65535 (got '${value}')`);
  return Number(value);
}
