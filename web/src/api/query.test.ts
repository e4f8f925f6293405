import { renderHook, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { Localities } from "../components/LocalityListPage";
import type { Session } from "../session";
import { useQuery } from "./query";

/* The one loading hook: nothing asked without variables, partial answers kept or refused as asked, sign-out. */

const session: Session = { token: "t0k", role: "health-visitor", purpose: "direct-care" };
const PARTIAL = {
  data: { localities: [{ id: "netherby", name: "Netherby" }] },
  errors: [
    {
      message: "The maternity system is unavailable, so its information is missing from this answer.",
      extensions: { code: "AGENCY_UNAVAILABLE", agency: "maternity" },
    },
  ],
};

function answering(body: unknown, status = 200) {
  const fetch = vi.fn(async () => new Response(JSON.stringify(body), { status }));
  vi.stubGlobal("fetch", fetch);
  return fetch;
}

afterEach(() => vi.unstubAllGlobals());

describe("useQuery", () => {
  it("asks nothing while the variables are null", () => {
    const fetch = answering(PARTIAL);
    const { result } = renderHook(() => useQuery(Localities, null, session, vi.fn()));
    expect(result.current[0]).toEqual({ status: "idle" });
    expect(fetch).not.toHaveBeenCalled();
  });

  it("keeps data with errors beside it as a partial answer when asked to", async () => {
    answering(PARTIAL);
    const { result } = renderHook(() => useQuery(Localities, {}, session, vi.fn(), { partial: true }));
    await waitFor(() => expect(result.current[0].status).toBe("data"));
    expect(result.current[0]).toEqual({ status: "data", data: PARTIAL.data, errors: PARTIAL.errors });
  });

  it("otherwise treats any error as the answer, in the gateway's words", async () => {
    answering(PARTIAL);
    const { result } = renderHook(() => useQuery(Localities, {}, session, vi.fn()));
    await waitFor(() => expect(result.current[0].status).toBe("error"));
    expect(result.current[0]).toEqual({ status: "error", messages: [PARTIAL.errors[0]!.message] });
  });

  it("says its fallback when refused without a reason, and signs out when the session has ended", async () => {
    answering({ data: null });
    const none = renderHook(() => useQuery(Localities, {}, session, vi.fn(), { fallback: "Not loaded." }));
    await waitFor(() => expect(none.result.current[0]).toEqual({ status: "error", messages: ["Not loaded."] }));
    answering({ errors: [{ message: "Sign in again.", extensions: { code: "UNAUTHENTICATED" } }] }, 401);
    const onSignedOut = vi.fn();
    renderHook(() => useQuery(Localities, {}, session, onSignedOut));
    await waitFor(() => expect(onSignedOut).toHaveBeenCalledWith("Sign in again."));
  });

  it("changes the data in place without asking again", async () => {
    const fetch = answering({ data: PARTIAL.data });
    const { result } = renderHook(() => useQuery(Localities, {}, session, vi.fn()));
    await waitFor(() => expect(result.current[0].status).toBe("data"));
    result.current[1]((d) => ({
      localities: [...d.localities, { id: "brindleford-central", name: "Brindleford Central" }],
    }));
    await waitFor(() =>
      expect(result.current[0]).toMatchObject({
        data: { localities: [{ id: "netherby" }, { id: "brindleford-central" }] },
      }),
    );
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it("shows loading from the first render, and asks again for a new round", async () => {
    const fetch = answering({ data: PARTIAL.data });
    const { result, rerender } = renderHook(({ round }) => useQuery(Localities, {}, session, vi.fn(), { round }), {
      initialProps: { round: 0 },
    });
    expect(result.current[0]).toEqual({ status: "loading" });
    await waitFor(() => expect(result.current[0].status).toBe("data"));
    rerender({ round: 1 });
    await waitFor(() => expect(fetch).toHaveBeenCalledTimes(2));
  });
});
