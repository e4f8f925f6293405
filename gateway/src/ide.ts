import type { Express } from "express";
import path from "node:path";
import { PURPOSE_OF_ACCESS_HEADER, type PurposeOfAccess } from "@ffd/shared";

/**
 * GraphiQL served from the project's own node_modules, so the IDE works with no internet.
 * Development only. The headers editor starts with a development token and a purpose of access,
 * so the sample query runs at once.
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
  const headers = JSON.stringify(
    { Authorization: `Bearer ${options.token}`, [PURPOSE_OF_ACCESS_HEADER]: options.purpose },
    null,
    2,
  );
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Family Front Door — GraphiQL</title>
<link rel="stylesheet" href="/ide/assets/graphiql.min.css">
<style>html,body,#graphiql{height:100%;margin:0}</style>
</head>
<body>
<div id="graphiql">Loading GraphiQL…</div>
<script src="/ide/assets/react.production.min.js"></script>
<script src="/ide/assets/react-dom.production.min.js"></script>
<script src="/ide/assets/graphiql.min.js"></script>
<script>
  const fetcher = GraphiQL.createFetcher({ url: "/graphql" });
  ReactDOM.createRoot(document.getElementById("graphiql")).render(
    React.createElement(GraphiQL, {
      fetcher,
      defaultQuery: ${JSON.stringify(options.query)},
      defaultHeaders: ${JSON.stringify(headers)},
      headerEditorEnabled: true,
      shouldPersistHeaders: false,
    }),
  );
</script>
</body>
</html>`;
  // Browsers ask for a favicon; answer with nothing rather than a 404 in the console.
  app.get("/favicon.ico", (_req, res) => {
    res.status(204).end();
  });
  app.get(["/", "/ide"], (_req, res) => {
    res.type("html").send(html);
  });
}
