/**
 * Stand-in subgraphs for measuring a gateway alone: one HTTP server per subgraph that first
 * passes every request on to the real subgraph and records its answer (`record` mode), then
 * answers each request it recorded at once from the recording, with nothing behind it (`replay`
 * mode). A gateway pointed at them spends, in replay, only its own time: whatever a request takes
 * beyond the same answer from a server that does no work at all is that gateway's.
 *
 * Requests are matched by their body (query and variables) alone, not by the caller's internal
 * token (a gateway signs a fresh one now and then): measure one caller at a time through them.
 * A request never recorded, or one without an internal token, is answered 500 and counted in
 * `unmatched`: the benchmark then fails rather than measure a gateway answering errors.
 */
const http = require("node:http");

/** The request a recorded answer is for. */
function keyOf(body) {
  let parsed;
  try {
    parsed = JSON.parse(body);
  } catch {
    return null;
  }
  return JSON.stringify([parsed.query ?? "", parsed.variables ?? {}, parsed.operationName ?? null]);
}

/**
 * Starts a stand-in for each subgraph of `upstream` (service name -> /graphql URL) on `ports`
 * (same order). Starts in record mode.
 */
async function startReplaySubgraphs(upstream, ports) {
  const recorded = new Map();
  let mode = "record";
  let unmatched = 0;
  const names = Object.keys(upstream);
  const servers = names.map((name) =>
    http.createServer((req, res) => {
      const chunks = [];
      req.on("data", (c) => chunks.push(c));
      req.on("end", () => {
        const body = Buffer.concat(chunks).toString("utf8");
        const key = req.headers.authorization ? keyOf(body) : null;
        const send = (status, text) => {
          res.writeHead(status, { "content-type": "application/json" });
          res.end(text);
        };
        if (mode === "replay") {
          const answer = key && recorded.get(`${name}\n${key}`);
          if (answer === undefined || answer === null) {
            unmatched++;
            return send(500, JSON.stringify({ errors: [{ message: "not recorded" }] }));
          }
          return send(answer.status, answer.text);
        }
        const headers = { "content-type": "application/json" };
        for (const h of ["authorization", "x-request-id"]) {
          if (req.headers[h]) headers[h] = req.headers[h];
        }
        fetch(upstream[name], { method: "POST", headers, body })
          .then(async (r) => {
            const text = await r.text();
            if (key) recorded.set(`${name}\n${key}`, { status: r.status, text });
            send(r.status, text);
          })
          .catch(() => send(502, JSON.stringify({ errors: [{ message: "upstream unreachable" }] })));
      });
    }),
  );
  await Promise.all(
    servers.map(
      (s, i) =>
        new Promise((resolve, reject) => {
          s.once("error", reject);
          s.listen(ports[i], "127.0.0.1", () => resolve(undefined));
        }),
    ),
  );
  return {
    /** Each stand-in's /graphql URL, by service name. */
    urls: Object.fromEntries(names.map((n, i) => [n, `http://127.0.0.1:${ports[i]}/graphql`])),
    /** From now on, answer only from the recording. */
    replay() {
      mode = "replay";
    },
    get recordedCount() {
      return recorded.size;
    },
    get unmatched() {
      return unmatched;
    },
    async stop() {
      await Promise.all(
        servers.map((s) => {
          s.closeAllConnections();
          return new Promise((resolve) => s.close(() => resolve(undefined)));
        }),
      );
    },
  };
}

/** A server that answers every request with `text` at once: what a client's own round trip costs. */
async function startFloorServer(port, text) {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(text);
    });
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve(undefined));
  });
  return {
    url: `http://127.0.0.1:${port}/`,
    async stop() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(() => resolve(undefined)));
    },
  };
}

module.exports = { startReplaySubgraphs, startFloorServer };
