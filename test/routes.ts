import { subscribe, unsubscribe } from "node:diagnostics_channel";
import type { FastifyInstance, RouteOptions } from "fastify";

/**
 * Builds an app while noting every route it registers, as `METHOD url` exactly as Fastify
 * registers it (`GET /:lang/members/:code`). Fastify announces each new instance on the
 * diagnostics channel `fastify.initialization` before anything is registered on it, so an
 * `onRoute` hook added there sees every route, the platform's own and every module's. Only the
 * first instance built inside `build` is watched: the app under test.
 */
export async function buildNotingRoutes<T>(build: () => Promise<T>): Promise<{ built: T; routes: Set<string> }> {
  const routes = new Set<string>();
  const listen = (message: unknown) => {
    const { fastify } = message as { fastify: FastifyInstance };
    unsubscribe("fastify.initialization", listen);
    fastify.addHook("onRoute", (route: RouteOptions) => {
      for (const method of [route.method].flat()) routes.add(`${method} ${route.url}`);
    });
  };
  subscribe("fastify.initialization", listen);
  try {
    return { built: await build(), routes };
  } finally {
    unsubscribe("fastify.initialization", listen);
  }
}

/** The routes people call: the HEAD route Fastify adds beside each GET is the GET's business. */
export const routesToCheck = (routes: Set<string>): string[] =>
  [...routes].filter((key) => !(key.startsWith("HEAD ") && routes.has(key.replace(/^HEAD /, "GET ")))).sort();
