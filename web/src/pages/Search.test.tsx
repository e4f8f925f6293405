import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Session } from "../session";
import { Search, SHORT_ANSWER } from "./Search";
import { SearchForm } from "./SearchForm";
import { EMPTY_SEARCH, searchInputOf } from "./search-input";

/* The search form and page: the five labelled fields, the query sent, results, and the gateway's errors. */

const session: Session = { token: "t0k", role: "front-door", purpose: "direct-care" };

afterEach(() => {
  vi.unstubAllGlobals();
  history.replaceState(null, "", "/");
});

/** A fetch answering every request with this GraphQL body, recording what was sent. */
function gateway(body: unknown, status = 200) {
  const calls: { url: string; init: RequestInit }[] = [];
  vi.stubGlobal("fetch", async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
  });
  return calls;
}

describe("the search form", () => {
  it("has the five labelled fields and a Search button, and hands over what was typed", async () => {
    const onSearch = vi.fn();
    render(<SearchForm initial={EMPTY_SEARCH} onSearch={onSearch} />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText("Given name"), "Amirah");
    await user.type(screen.getByLabelText("Family name"), "Husain");
    await user.type(screen.getByLabelText("Date of birth"), "12/03/1994");
    await user.type(screen.getByLabelText("NHS number"), "485 777 3457");
    await user.type(screen.getByLabelText("Postcode"), "dy1 4qt");
    await user.click(screen.getByRole("button", { name: "Search" }));
    expect(onSearch).toHaveBeenCalledWith({
      givenName: "Amirah",
      familyName: "Husain",
      dateOfBirth: "12/03/1994",
      nhsNumber: "485 777 3457",
      postcode: "dy1 4qt",
    });
  });

  it("sends only the fields given, the date as the graph's Date, and refuses an empty or undated search", () => {
    expect(searchInputOf({ ...EMPTY_SEARCH, givenName: " Amirah ", dateOfBirth: "12/3/1994" })).toEqual({
      input: { givenName: "Amirah", dateOfBirth: "1994-03-12" },
    });
    expect(searchInputOf(EMPTY_SEARCH)).toEqual({ problems: [expect.stringMatching(/Enter at least one/)] });
    expect(searchInputOf({ ...EMPTY_SEARCH, dateOfBirth: "last spring" })).toEqual({
      problems: ["Enter the date of birth as day/month/year, for example 16/05/2025"],
    });
  });
});

describe("the search page", () => {
  it("lists each person found with date of birth, postcode, score and why they matched, linking to their page", async () => {
    const calls = gateway({
      data: {
        searchPeople: [
          {
            score: 0.9731,
            matchedOn: ["givenName:jaro-winkler", "familyName:phonetic"],
            person: {
              id: "p-1",
              givenName: "Amira",
              familyName: "Hussain",
              dateOfBirth: "1994-03-12",
              postcode: "DY1 4QT",
            },
          },
          {
            score: 0.61,
            matchedOn: ["familyName:exact"],
            person: { id: "p-2", givenName: "Omar", familyName: "Hussain", dateOfBirth: null, postcode: null },
          },
        ],
      },
    });
    render(<Search session={session} search="?givenName=Amirah&familyName=Husain" onSignedOut={vi.fn()} />);
    const link = await screen.findByRole("link", { name: "Amira Hussain" });
    expect(link).toHaveAttribute("href", "/people/p-1");
    const card = link.closest("li")!;
    expect(within(card).getByText("12 March 1994")).toBeInTheDocument();
    expect(within(card).getByText("Postcode").nextElementSibling).toHaveTextContent("DY1 4QT");
    expect(within(card).getByText("0.97")).toBeInTheDocument();
    expect(within(card).getByText("given name (similar spelling), family name (sounds alike)")).toBeInTheDocument();
    // A person with no postcode on any record says so rather than leaving a blank.
    const other = screen.getByRole("link", { name: "Omar Hussain" }).closest("li")!;
    expect(within(other).getByText("Postcode").nextElementSibling).toHaveTextContent("Not recorded");
    const sent = calls[0].init;
    expect(calls[0].url).toBe("/graphql");
    expect(new Headers(sent.headers).get("authorization")).toBe("Bearer t0k");
    expect(new Headers(sent.headers).get("x-purpose-of-access")).toBe("direct-care");
    expect(JSON.parse(String(sent.body)).variables).toEqual({ query: { givenName: "Amirah", familyName: "Husain" } });
  });

  it("shows the gateway's BAD_USER_INPUT message in an error summary (an invalid NHS number says so)", async () => {
    const message = 'NHS number "4857773458" is not valid: its check digit is wrong.';
    gateway({ data: null, errors: [{ message, extensions: { code: "BAD_USER_INPUT" } }] });
    render(<Search session={session} search="?nhsNumber=4857773458" onSignedOut={vi.fn()} />);
    const summary = await screen.findByRole("alert");
    expect(within(summary).getByRole("heading", { name: "There is a problem" })).toBeInTheDocument();
    expect(within(summary).getByText(message)).toBeInTheDocument();
  });

  it("shows a refused request's message, and signs out when the token is no longer accepted", async () => {
    gateway(
      { errors: [{ message: "The token is not valid or has expired.", extensions: { code: "UNAUTHENTICATED" } }] },
      401,
    );
    const onSignedOut = vi.fn();
    render(<Search session={session} search="?familyName=Hussain" onSignedOut={onSignedOut} />);
    await vi.waitFor(() => expect(onSignedOut).toHaveBeenCalledWith("The token is not valid or has expired."));
  });

  it("puts the search in the URL, so the results can be reloaded and the back button returns to them", async () => {
    gateway({ data: { searchPeople: [] } });
    render(<Search session={session} search="" onSignedOut={vi.fn()} />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText("Family name"), "Hussain");
    await user.click(screen.getByRole("button", { name: "Search" }));
    expect(location.pathname + location.search).toBe("/?familyName=Hussain");
  });

  describe("weaker candidates", () => {
    const amira = {
      score: 0.9903,
      matchedOn: ["familyName:exact", "dateOfBirth:exact"],
      person: { id: "p-1", givenName: "Amira", familyName: "Hussain", dateOfBirth: "1994-03-12", postcode: "DY1 4QT" },
    };
    const grace = {
      score: 0.0301,
      matchedOn: ["dateOfBirth:exact"],
      person: { id: "p-2", givenName: "Grace", familyName: "Bell", dateOfBirth: "1994-03-12", postcode: "DY5 3RB" },
    };
    const search = "?familyName=Hussain&dateOfBirth=1994-03-12";

    it("offers them under a short answer, and asks for them again, labelled, when chosen", async () => {
      const calls = gateway({ data: { searchPeople: [amira] } });
      const { unmount } = render(<Search session={session} search={search} onSignedOut={vi.fn()} />);
      await screen.findByRole("link", { name: "Amira Hussain" });
      expect(JSON.parse(String(calls[0].init.body)).variables.query).not.toHaveProperty("includeWeakerCandidates");
      const button = screen.getByRole("button", { name: "Show weaker candidates" });
      expect(button).toHaveAccessibleDescription(/share the date of birth or the postcode but not a name/);
      const user = userEvent.setup();
      await user.click(button);
      expect(location.search).toBe("?familyName=Hussain&dateOfBirth=1994-03-12&weaker=1");
      unmount();

      const again = gateway({ data: { searchPeople: [amira, grace] } });
      render(<Search session={session} search={location.search} onSignedOut={vi.fn()} />);
      const heading = await screen.findByRole("heading", { name: "2 people found, 1 of them a weaker candidate" });
      expect(heading).toBeInTheDocument();
      expect(JSON.parse(String(again[0].init.body)).variables.query).toEqual({
        familyName: "Hussain",
        dateOfBirth: "1994-03-12",
        includeWeakerCandidates: true,
      });
      const graceCard = screen.getByRole("link", { name: "Grace Bell" }).closest("li")!;
      expect(within(graceCard).getByText("Weaker candidate")).toHaveClass("nhsuk-tag");
      const amiraCard = screen.getByRole("link", { name: "Amira Hussain" }).closest("li")!;
      expect(within(amiraCard).queryByText("Weaker candidate")).toBeNull();
      expect(screen.getByText(/Weaker candidates are marked/)).toBeInTheDocument();
      // Nothing more to offer; the way back is a link.
      expect(screen.queryByRole("button", { name: "Show weaker candidates" })).toBeNull();
      expect(screen.getByRole("link", { name: "Show only likely matches" })).toHaveAttribute("href", `/${search}`);
    });

    it("offers them when no one is found", async () => {
      gateway({ data: { searchPeople: [] } });
      render(<Search session={session} search="?familyName=Ovenden" onSignedOut={vi.fn()} />);
      await screen.findByRole("heading", { name: "No one found" });
      expect(screen.getByRole("button", { name: "Show weaker candidates" })).toBeInTheDocument();
    });

    it(`does not offer them when ${SHORT_ANSWER} or more people are found, nor to a search without a name`, async () => {
      const many = Array.from({ length: SHORT_ANSWER }, (_, i) => ({
        ...amira,
        person: { ...amira.person, id: `p-${i}`, givenName: `Amira${i}` },
      }));
      gateway({ data: { searchPeople: many } });
      const { unmount } = render(<Search session={session} search={search} onSignedOut={vi.fn()} />);
      await screen.findByRole("heading", { name: `${SHORT_ANSWER} people found` });
      expect(screen.queryByRole("button", { name: "Show weaker candidates" })).toBeNull();
      unmount();
      gateway({ data: { searchPeople: [] } });
      render(<Search session={session} search="?dateOfBirth=1994-03-12" onSignedOut={vi.fn()} />);
      await screen.findByRole("heading", { name: "No one found" });
      expect(screen.queryByRole("button", { name: "Show weaker candidates" })).toBeNull();
    });
  });
});
