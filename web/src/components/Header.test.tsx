import { render, screen, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import type { Session } from "../session";
import { Header } from "./Header";

/* The navigation offers a locality work list only to a role that may read it for some purpose (policy.ts, LOCALITY_LISTS). */

const nav = (role: Session["role"], purpose: Session["purpose"]) => {
  const { unmount } = render(
    <Header session={{ token: "t", role, purpose }} onPurposeChange={vi.fn()} onSignOut={vi.fn()} />,
  );
  const links = within(screen.getByRole("navigation", { name: "Main" }))
    .getAllByRole("link")
    .map((a) => [a.textContent, a.getAttribute("href")]);
  unmount();
  return links;
};

describe("the navigation's work lists", () => {
  it("offers the mandated reviews and the performance to a health visitor", () => {
    expect(nav("health-visitor", "direct-care")).toEqual(
      expect.arrayContaining([
        ["Mandated reviews due", "/work-lists/mandated-reviews"],
        ["Review performance", "/work-lists/review-performance"],
      ]),
    );
  });

  it("offers only the performance and the 0-5 profile (counts, no one named) to a data steward, and none to a registrar", () => {
    const steward = nav("data-steward", "direct-care");
    expect(steward).toEqual(
      expect.arrayContaining([
        ["Review performance", "/work-lists/review-performance"],
        ["Locality 0-5 profile", "/work-lists/locality-profile"],
      ]),
    );
    expect(steward.map(([text]) => text)).not.toContain("Mandated reviews due");
    const registrar = nav("registrar", "registration").map(([text]) => text);
    expect(registrar).not.toContain("Review performance");
    expect(registrar).not.toContain("Mandated reviews due");
    expect(registrar).not.toContain("Locality 0-5 profile");
  });

  it("offers the weekly safeguarding list to the roles that sit in the locality's group, not to a registrar or a data steward", () => {
    for (const role of ["front-door", "health-visitor", "safeguarding-lead", "social-worker", "midwife"] as const) {
      expect(nav(role, "safeguarding")).toContainEqual(["Weekly safeguarding list", "/work-lists/safeguarding"]);
    }
    for (const [role, purpose] of [
      ["registrar", "registration"],
      ["data-steward", "direct-care"],
      ["ig-auditor", "audit"],
    ] as const) {
      expect(nav(role, purpose).map(([text]) => text)).not.toContain("Weekly safeguarding list");
    }
  });
});
