import { render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { InvolvedServices } from "./InvolvedServices";

/* "Involved services" on the person page: one row per agency the answer lists, an agency that did not answer named. */

const HEALTH_VISITING = {
  agency: "HEALTH_VISITING" as const,
  status: "CURRENT" as const,
  leadPractitioner: {
    name: "Grace Okafor",
    role: "Health visitor",
    team: "North Locality HV Team",
    phone: "01384 814001",
  },
  since: "2025-05-01",
  lastContactOn: "2025-06-01",
};
const REGISTRATION = {
  agency: "REGISTRATION" as const,
  status: "HISTORIC" as const,
  leadPractitioner: { name: "Jean Whitehouse", role: "Registrar", team: "Dudley North register office", phone: null },
  since: "2025-05-20",
  lastContactOn: "2025-05-20",
};

describe("InvolvedServices", () => {
  it("shows each service's status, lead practitioner with a tel: link, since and last contact", () => {
    render(<InvolvedServices involvements={[HEALTH_VISITING, REGISTRATION]} errors={[]} path={["person"]} />);
    const table = screen.getByRole("table", { name: /services involved with this person/i });
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows).toHaveLength(2);

    const hv = within(rows[0]);
    expect(hv.getByRole("rowheader")).toHaveTextContent("Health visiting");
    expect(hv.getByText("Current")).toBeInTheDocument();
    expect(rows[0]).toHaveTextContent("Grace Okafor, Health visitor, North Locality HV Team");
    expect(hv.getByRole("link", { name: "01384 814001" })).toHaveAttribute("href", "tel:01384814001");
    expect(rows[0]).toHaveTextContent("1 May 2025");
    expect(rows[0]).toHaveTextContent("1 June 2025");

    const reg = within(rows[1]);
    expect(reg.getByRole("rowheader")).toHaveTextContent("Birth registration");
    expect(reg.getByText("Historic")).toBeInTheDocument();
    expect(rows[1]).toHaveTextContent("Jean Whitehouse, Registrar, Dudley North register office");
    // No number on record: no link.
    expect(reg.queryByRole("link")).toBeNull();
  });

  it("does not mention a service the answer leaves out", () => {
    render(<InvolvedServices involvements={[REGISTRATION]} errors={[]} path={["person"]} />);
    expect(screen.queryByText(/health visiting/i)).toBeNull();
    expect(screen.queryByText(/not answering/i)).toBeNull();
  });

  it("names a service that is not answering, beside the ones that did", () => {
    render(
      <InvolvedServices
        involvements={[REGISTRATION]}
        errors={[
          {
            message: "The health visiting system is unavailable",
            path: ["person", "involvements"],
            extensions: { code: "AGENCY_UNAVAILABLE", agency: "health-visiting" },
          },
          // Another person's error is not this list's.
          {
            message: "The maternity system is unavailable",
            path: ["person", "family", "members", 0, "person", "involvements"],
            extensions: { code: "AGENCY_UNAVAILABLE", agency: "maternity" },
          },
        ]}
        path={["person"]}
      />,
    );
    expect(screen.getByRole("heading", { name: /health visiting is not answering/i })).toBeInTheDocument();
    expect(screen.queryByText(/maternity/i)).toBeNull();
    expect(screen.getAllByRole("row")).toHaveLength(2);
  });

  it("says when no service the caller can see is involved", () => {
    render(<InvolvedServices involvements={[]} errors={[]} path={["person"]} />);
    expect(screen.getByText("No service you can see is involved with this person.")).toBeInTheDocument();
    expect(screen.queryByRole("table")).toBeNull();
  });
});
