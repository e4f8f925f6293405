import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ROLES } from "@ffd/shared/access";
import { PurposeSelect } from "../components/PurposeSelect";
import { SignIn } from "./SignIn";
import type { Session } from "../session";

afterEach(() => vi.unstubAllGlobals());

describe("development sign-in", () => {
  it("offers every role in the policy and signs in with the claims given, at the role's first purpose", async () => {
    const sent: unknown[] = [];
    vi.stubGlobal("fetch", async (_url: string, init: RequestInit) => {
      sent.push(JSON.parse(String(init.body)));
      return new Response(JSON.stringify({ token: "dev.token.sig" }), { status: 200 });
    });
    const onSignedIn = vi.fn();
    render(<SignIn onSignedIn={onSignedIn} />);
    const role = screen.getByLabelText("Role");
    expect(
      within(role)
        .getAllByRole("option")
        .map((o) => (o as HTMLOptionElement).value),
    ).toEqual([...ROLES]);
    const user = userEvent.setup();
    await user.selectOptions(role, "health-visitor");
    await user.type(screen.getByLabelText("Caseload"), "CL-07");
    await user.click(screen.getByRole("button", { name: "Sign in" }));
    await vi.waitFor(() =>
      expect(onSignedIn).toHaveBeenCalledWith({
        token: "dev.token.sig",
        role: "health-visitor",
        purpose: "direct-care",
      }),
    );
    expect(sent).toEqual([{ role: "health-visitor", caseload: "CL-07" }]);
  });

  it("shows the gateway's refusal", async () => {
    vi.stubGlobal(
      "fetch",
      async () =>
        new Response(JSON.stringify({ errors: [{ message: "There is nothing at this address." }] }), { status: 404 }),
    );
    render(<SignIn onSignedIn={vi.fn()} />);
    await userEvent.setup().click(screen.getByRole("button", { name: "Sign in" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("There is nothing at this address.");
  });
});

describe("the purpose of access", () => {
  const session: Session = { token: "t", role: "health-visitor", purpose: "direct-care" };

  it("offers the role's purposes and changes only once the change is confirmed", async () => {
    const onChange = vi.fn();
    render(<PurposeSelect session={session} onChange={onChange} />);
    const select = screen.getByLabelText("Purpose of access");
    expect(
      within(select)
        .getAllByRole("option")
        .map((o) => (o as HTMLOptionElement).value),
    ).toEqual(["direct-care", "early-help", "safeguarding"]);
    const user = userEvent.setup();
    await user.selectOptions(select, "safeguarding");
    expect(onChange).not.toHaveBeenCalled();
    await user.click(screen.getByRole("button", { name: "Keep Direct care" }));
    expect(onChange).not.toHaveBeenCalled();
    expect(select).toHaveValue("direct-care");
    await user.selectOptions(select, "safeguarding");
    await user.click(screen.getByRole("button", { name: "Change purpose" }));
    expect(onChange).toHaveBeenCalledWith("safeguarding");
  });
});
