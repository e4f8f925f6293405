import http from "node:http";
import https from "node:https";

/** Connections open at once to one subgraph; further requests wait for one to be free. */
export const SUBGRAPH_MAX_SOCKETS = 64;
/** Idle connections kept open to one subgraph for the next requests. */
export const SUBGRAPH_MAX_FREE_SOCKETS = SUBGRAPH_MAX_SOCKETS;
/**
 * How long an idle connection is kept: under the 5 s a Node.js server keeps one (its
 * keepAliveTimeout), so the gateway closes it before the subgraph does, never sending a request
 * down a connection being closed under it.
 */
export const SUBGRAPH_IDLE_SOCKET_MS = 4_000;

/**
 * The HTTP agents the gateway calls subgraphs through, one per subgraph: connections kept alive
 * between requests (no TCP handshake per subgraph fetch), bounded in number, idle ones closed
 * after a few seconds. The subgraph timeout and circuit breaker still bound each call
 * (data-source.ts): a call that times out is aborted and its connection destroyed, not reused.
 */
export class SubgraphAgents {
  private readonly agents = new Map<string, http.Agent>();

  /** The agent for a subgraph's URL (one per origin). */
  for(url: string): http.Agent {
    const { origin, protocol } = new URL(url);
    let agent = this.agents.get(origin);
    if (!agent) {
      const options: http.AgentOptions = {
        keepAlive: true,
        maxSockets: SUBGRAPH_MAX_SOCKETS,
        maxFreeSockets: SUBGRAPH_MAX_FREE_SOCKETS,
        timeout: SUBGRAPH_IDLE_SOCKET_MS,
        scheduling: "lifo",
      };
      agent = protocol === "https:" ? new https.Agent(options) : new http.Agent(options);
      this.agents.set(origin, agent);
    }
    return agent;
  }

  /** Closes every connection (the gateway stopping). */
  destroy(): void {
    for (const agent of this.agents.values()) agent.destroy();
    this.agents.clear();
  }
}
