import type { Role } from "@ffd/shared/access";

/** The optional claims a development token may carry (what a relationship with a family is judged by). */
export interface DevClaims {
  centre?: string;
  caseload?: string;
  organisation?: string;
}

/**
 * Asks the gateway for a development token (POST /auth/dev-token). The gateway refuses outside
 * development; its message is passed on as it is.
 */
export async function requestDevToken(role: Role, claims: DevClaims, fetchImpl: typeof fetch = fetch): Promise<string> {
  const body: Record<string, string> = { role };
  for (const [k, v] of Object.entries(claims)) if (v && v.trim()) body[k] = v.trim();
  let res: Response;
  try {
    res = await fetchImpl("/auth/dev-token", {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify(body),
    });
  } catch {
    throw new Error("The gateway is not answering. Check that it is running and try again.");
  }
  const json = (await res.json().catch(() => null)) as { token?: string; errors?: { message: string }[] } | null;
  if (!res.ok || !json?.token) throw new Error(json?.errors?.[0]?.message ?? `Signing in failed (${res.status}).`);
  return json.token;
}
