/**
 * What `npm start` runs, read from the service registry (shared/src/services.ts): each service's
 * entry point, its port (the registry's, or the `<PREFIX>_PORT` / gateway `PORT` setting) and the
 * URL it is ready at, and the `<PREFIX>_URL` settings that tell the services where the others
 * are. Pure: start.js passes the real registry and environment; a test passes its own.
 */
"use strict";
const { portSetting, runOrderOf, subgraphsOf, urlSetting } = require("@ffd/shared");

/** Each service in start order (agencies, family-index, the gateway last) with where it listens. */
function startPlan(registry, env) {
  return runOrderOf(registry).map((service) => {
    const setting = portSetting(service, registry);
    const gateway = service.name === registry.gateway.name;
    const port = Number(env[setting] || service.port);
    return {
      name: service.name,
      dir: service.dir,
      entry: `${service.dir}/dist/index.js`,
      portSetting: setting,
      port,
      gateway,
      // The gateway answers /health at once; a subgraph's /ready waits for its data (the index built).
      readyUrl: `http://127.0.0.1:${port}/${gateway ? "health" : "ready"}`,
    };
  });
}

/**
 * The `<PREFIX>_URL` of every subgraph, as set in the environment or else on this machine at the
 * port the plan gives it: every service gets all of them (the gateway calls every subgraph,
 * family-index reads every agency's identity feed).
 */
function serviceUrls(registry, env) {
  const ports = new Map(startPlan(registry, env).map((s) => [s.name, s.port]));
  return Object.fromEntries(
    subgraphsOf(registry).map((s) => [urlSetting(s), env[urlSetting(s)] || `http://127.0.0.1:${ports.get(s.name)}`]),
  );
}

module.exports = { serviceUrls, startPlan };
