import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { NextFunction, Request, Response } from "express";
import type { Logger } from "@ffd/shared";

/*
 * Persisted (trusted) documents: the staff app's build writes a manifest of every operation it
 * sends (web/dist/persisted-documents.json: "sha256:<hex of the printed document>" -> document),
 * and the app sends only the id. This middleware, between the JSON body and Apollo Server, puts
 * the manifest's document in place of the id, so everything after it (parsing, query limits, the
 * input check, the audit plugin) sees exactly the request it would have seen with the text.
 */

/** The file in the app's build folder (written by `vite build` from web/src/gql). */
export const MANIFEST_FILE = "persisted-documents.json";
/** The header by which a client names itself (Apollo's client awareness convention). */
export const CLIENT_NAME_HEADER = "apollographql-client-name";
/** The staff app's name in that header: requests naming it are answered only by id. */
export const APP_CLIENT_NAME = "ffd-web";
/** Error codes of the refusals, as Apollo's persisted queries name them. */
export const PERSISTED_QUERY_NOT_FOUND = "PERSISTED_QUERY_NOT_FOUND";
export const PERSISTED_QUERY_REQUIRED = "PERSISTED_QUERY_REQUIRED";

const ID = /^sha256:[0-9a-f]{64}$/;

/** The documents the gateway answers by id. */
export type TrustedDocuments = ReadonlyMap<string, string>;

export class ManifestError extends Error {
  override name = "ManifestError";
}

/** The manifest's id of a document: sha256 of its text, as @graphql-codegen/client-preset writes it. */
export function documentIdOf(document: string): string {
  return `sha256:${createHash("sha256").update(document).digest("hex")}`;
}

/**
 * Reads and checks a manifest: a JSON object of ids to documents, each id the sha256 of its
 * document (an entry that does not hash to its id is refused, so the file cannot say one thing
 * and run another).
 */
export function parseManifest(text: string, file: string): TrustedDocuments {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ManifestError(`${file} is not JSON: rebuild the staff app (npm run build).`);
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    throw new ManifestError(`${file} is not an object of document ids to documents.`);
  }
  const documents = new Map<string, string>();
  for (const [id, document] of Object.entries(json)) {
    if (!ID.test(id) || typeof document !== "string") {
      throw new ManifestError(`${file} has an entry that is not "sha256:<64 hex digits>": "<document>".`);
    }
    if (documentIdOf(document) !== id) {
      throw new ManifestError(`${file}: the document under ${id} does not hash to that id.`);
    }
    documents.set(id, document);
  }
  return documents;
}

/**
 * The manifest in the app's build folder. No manifest (the app is not built) is not an error:
 * the gateway starts, says so, and answers the app's ids with PERSISTED_QUERY_NOT_FOUND.
 */
export function loadTrustedDocuments(dir: string, logger: Logger): TrustedDocuments {
  const file = path.join(dir, MANIFEST_FILE);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
    logger.warn("trusted_documents.missing", { file: MANIFEST_FILE });
    return new Map();
  }
  const documents = parseManifest(text, file);
  logger.info("trusted_documents.loaded", { documents: documents.size });
  return documents;
}

/** The id a request gives: GraphQL over HTTP's `documentId`, or Apollo's persistedQuery extension. */
function idOf(params: Record<string, unknown>): { id: unknown } | null {
  if (params.documentId !== undefined) return { id: params.documentId };
  let extensions = params.extensions;
  if (typeof extensions === "string") {
    // GET carries extensions as JSON in the query string.
    try {
      extensions = JSON.parse(extensions);
    } catch {
      return null;
    }
  }
  const persisted = (extensions as { persistedQuery?: unknown } | null | undefined)?.persistedQuery;
  if (persisted === undefined) return null;
  const hash = (persisted as { sha256Hash?: unknown } | null)?.sha256Hash;
  return { id: typeof hash === "string" ? `sha256:${hash}` : hash };
}

function withoutId(params: Record<string, unknown>): Record<string, unknown> {
  const { documentId: _documentId, ...rest } = params;
  let extensions = rest.extensions;
  if (typeof extensions === "string") {
    try {
      extensions = JSON.parse(extensions);
    } catch {
      return rest;
    }
  }
  if (extensions && typeof extensions === "object" && "persistedQuery" in extensions) {
    const { persistedQuery: _persisted, ...others } = extensions as Record<string, unknown>;
    rest.extensions = typeof params.extensions === "string" ? JSON.stringify(others) : others;
  }
  return rest;
}

function refuse(res: Response, code: string, message: string): void {
  res.status(400).json({ errors: [{ message, extensions: { code } }] });
}

/**
 * Express middleware for /graphql, after the JSON body: a request with a document id is answered
 * with the manifest's document (an unknown id is refused, 400 PERSISTED_QUERY_NOT_FOUND); a
 * request naming itself the staff app must send an id and no text (400 PERSISTED_QUERY_REQUIRED).
 * Other clients' text passes as before. Nothing from the body is logged.
 */
export function trustedDocumentsMiddleware(documents: TrustedDocuments, logger: Logger) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const requestId = res.locals.requestId as string | undefined;
    const app = (req.header(CLIENT_NAME_HEADER) ?? "").trim().toLowerCase() === APP_CLIENT_NAME;
    const get = req.method === "GET" || req.method === "HEAD";
    const params: Record<string, unknown> =
      get && req.query && typeof req.query === "object"
        ? (req.query as Record<string, unknown>)
        : req.body && typeof req.body === "object" && !Array.isArray(req.body)
          ? (req.body as Record<string, unknown>)
          : {};
    const hasText = params.query !== undefined && params.query !== null && params.query !== "";
    const given = idOf(params);
    if (app && hasText) {
      logger.info("trusted_documents.app_text_refused", { requestId });
      refuse(
        res,
        PERSISTED_QUERY_REQUIRED,
        `The staff app (${CLIENT_NAME_HEADER}: ${APP_CLIENT_NAME}) sends operations by document id only, never as text. Other clients send the query text without that header.`,
      );
      return;
    }
    if (!given) {
      next();
      return;
    }
    if (hasText) {
      // Another client sending an id and the text (Apollo's automatic persisted queries, second
      // try): the text is what runs, checked like any other; the gateway registers nothing.
      replaceParams(req, get, withoutId(params));
      next();
      return;
    }
    const document = typeof given.id === "string" ? documents.get(given.id) : undefined;
    if (document === undefined) {
      logger.info("trusted_documents.unknown", { requestId, app });
      refuse(
        res,
        PERSISTED_QUERY_NOT_FOUND,
        "This gateway does not know that document id. The staff app may be newer or older than the gateway: reload the page, and if it persists, rebuild and restart (npm start). Other clients send the query text.",
      );
      return;
    }
    replaceParams(req, get, { ...withoutId(params), query: document });
    next();
  };
}

/** Puts the resolved parameters where Apollo Server reads them (req.query is a getter in Express 5). */
function replaceParams(req: Request, get: boolean, params: Record<string, unknown>): void {
  if (get) Object.defineProperty(req, "query", { value: params, configurable: true, enumerable: true });
  else req.body = params;
}
