import type { Express } from "express";
import { createHash } from "node:crypto";
import { isIPv4 } from "node:net";
import path from "node:path";
import { pageSecurityPolicy, PURPOSE_OF_ACCESS_HEADER, type CspDirectives, type PurposeOfAccess } from "@ffd/shared";

/**
 * The page's one inline script. It is the same for every visitor (what differs, the headers
 * and the note, is read from a JSON data block, which a browser never runs), so the
 * Content-Security-Policy can allow exactly this script by its hash and no other inline code.
 */
export const IDE_SCRIPT = `
  const config = JSON.parse(document.getElementById("ide-config").textContent);
  const fetcher = GraphiQL.createFetcher({ url: "/graphql" });
  ReactDOM.createRoot(document.getElementById("graphiql")).render(
    React.createElement(GraphiQL, {
      fetcher,
      defaultQuery: config.query,
      defaultHeaders: config.headers,
      headerEditorEnabled: true,
      shouldPersistHeaders: false,
    }),
  );
`;

/** The CSP source allowing IDE_SCRIPT: `'sha256-<base64 of its SHA-256>'`. */
export const IDE_SCRIPT_SOURCE = `'sha256-${createHash("sha256").update(IDE_SCRIPT).digest("base64")}'`;

/**
 * The IDE page's policy: scripts and styles from this gateway plus the one inline script,
 * fonts embedded in GraphiQL's stylesheet, requests to this gateway only. Inline styles are
 * allowed (GraphiQL's dialogs insert style elements); inline scripts other than IDE_SCRIPT,
 * eval and event-handler attributes are not.
 */
const IDE_POLICY: CspDirectives = {
  "default-src": ["'self'"],
  "script-src": ["'self'", IDE_SCRIPT_SOURCE],
  "script-src-attr": ["'none'"],
  "style-src": ["'self'", "'unsafe-inline'"],
  "font-src": ["'self'", "data:"],
  "img-src": ["'self'", "data:"],
  "connect-src": ["'self'"],
  "form-action": ["'none'"],
};

const NO_TOKEN_NOTE =
  "This IDE gives its development token only to a browser on the gateway's own machine. " +
  "Paste your own token into the Authorization header below.";

/**
 * Whether a connection comes from this machine: 127.0.0.0/8, ::1, or either written as an
 * IPv4-mapped IPv6 address (::ffff:127.x.y.z). Anything else, or no address, is remote.
 */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const lower = address.toLowerCase();
  const v4 = lower.startsWith("::ffff:") ? lower.slice("::ffff:".length) : lower;
  if (isIPv4(v4)) return v4.startsWith("127.");
  return lower === "::1" || lower === "0:0:0:0:0:0:0:1";
}

/** Host names that can only mean this machine. */
const LOCAL_HOST_NAME = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/**
 * Whether a request comes from a browser on this machine that asked for this machine by name:
 * a loopback connection, a Host header naming the loopback (so a page whose own name was
 * rebound to 127.0.0.1, DNS rebinding, is refused: its requests carry its own host name), and no
 * proxy in between (a proxy on this machine makes every browser's connection look local).
 */
export function isLocalBrowser(req: {
  socket: { remoteAddress?: string };
  header(name: string): string | undefined;
}): boolean {
  if (!isLoopbackAddress(req.socket.remoteAddress)) return false;
  if (req.header("forwarded") || req.header("x-forwarded-for") || req.header("x-real-ip")) return false;
  const host = req.header("host")?.trim() ?? "";
  const name = host.startsWith("[") ? host.slice(0, host.indexOf("]") + 1) : host.split(":")[0];
  return LOCAL_HOST_NAME.test(name);
}

/** JSON to sit inside a <script> element: `<` escaped, so no `</script>` can close it early. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c");
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The IDE page, with or without a note above the editor. */
function idePage(config: { query: string; headers: string; note: string | null }): string {
  const note = config.note ? `<p class="ide-note" role="note">${escapeHtml(config.note)}</p>\n` : "";
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Family Front Door — GraphiQL</title>
<link rel="stylesheet" href="/ide/assets/graphiql.min.css">
<style>html,body{height:100%;margin:0}body{display:flex;flex-direction:column}#graphiql{flex:1;min-height:0}.ide-note{margin:0;padding:.5em 1em;background:#fff4c2;font-family:sans-serif}</style>
</head>
<body>
${note}<div id="graphiql">Loading GraphiQL…</div>
<script type="application/json" id="ide-config">${scriptJson({ query: config.query, headers: config.headers })}</script>
<script src="/ide/assets/react.production.min.js"></script>
<script src="/ide/assets/react-dom.production.min.js"></script>
<script src="/ide/assets/graphiql.min.js"></script>
<script>${IDE_SCRIPT}</script>
</body>
</html>`;
}

/** Where the IDE is (the staff app has /). */
export const IDE_PATH = "/graphiql";

/**
 * GraphiQL served from the project's own node_modules, so the IDE works with no internet.
 * Development only. The headers editor starts with a purpose of access and, for a browser on
 * this machine, a development token, so the sample query runs at once; anyone else reaching
 * the gateway's port gets the page without the token.
 */
export function mountIde(app: Express, options: { token: string; purpose: PurposeOfAccess; query: string }): void {
  // UMD builds are not in these packages' "exports", so resolve each package's folder.
  const dir = (pkg: string) => path.dirname(require.resolve(`${pkg}/package.json`));
  const assets: Record<string, string> = {
    "react.production.min.js": path.join(dir("react"), "umd", "react.production.min.js"),
    "react-dom.production.min.js": path.join(dir("react-dom"), "umd", "react-dom.production.min.js"),
    "graphiql.min.js": path.join(dir("graphiql"), "graphiql.min.js"),
    "graphiql.min.css": path.join(dir("graphiql"), "graphiql.min.css"),
  };
  app.get("/ide/assets/:file", (req, res) => {
    const file = assets[req.params.file];
    if (!file) {
      res.status(404).end();
      return;
    }
    res.sendFile(file, { maxAge: "1h" });
  });
  const page = (withToken: boolean) =>
    idePage({
      query: options.query,
      headers: JSON.stringify(
        {
          Authorization: `Bearer ${withToken ? options.token : "<paste your own token here>"}`,
          [PURPOSE_OF_ACCESS_HEADER]: options.purpose,
        },
        null,
        2,
      ),
      note: withToken ? null : NO_TOKEN_NOTE,
    });
  const pages = { loopback: page(true), remote: page(false) };
  // Browsers ask for a favicon; answer with nothing rather than a 404 in the console.
  app.get("/favicon.ico", (_req, res) => {
    res.status(204).end();
  });
  // The IDE's old address.
  app.get("/ide", (_req, res) => {
    res.redirect(IDE_PATH);
  });
  app.get(IDE_PATH, pageSecurityPolicy(IDE_POLICY), (req, res) => {
    // The page may hold a working token: no cache keeps a copy.
    res.setHeader("Cache-Control", "no-store");
    res.type("html").send(isLocalBrowser(req) ? pages.loopback : pages.remote);
  });
}
