import { useState } from "react";
import { purposesFor } from "@ffd/shared/policy";
import type { Session } from "../session";
import { purposeLabel } from "./labels";

/**
 * The purpose of access, always visible and sent with every request. Changing it is deliberate:
 * choosing another purpose asks to confirm before any request states it.
 */
export function PurposeSelect({
  session,
  onChange,
}: {
  session: Session;
  onChange: (purpose: Session["purpose"]) => void;
}) {
  const [pending, setPending] = useState<Session["purpose"] | null>(null);
  const purposes = purposesFor(session.role);
  return (
    <div className="ffd-purpose">
      <label className="ffd-purpose__label" htmlFor="purpose-of-access">
        Purpose of access
      </label>
      <select
        id="purpose-of-access"
        className="nhsuk-select ffd-purpose__select"
        value={pending ?? session.purpose}
        onChange={(e) => {
          const next = e.target.value as Session["purpose"];
          setPending(next === session.purpose ? null : next);
        }}
      >
        {purposes.map((p) => (
          <option key={p} value={p}>
            {purposeLabel(p)}
          </option>
        ))}
      </select>
      {pending ? (
        <div className="ffd-purpose__confirm" role="group" aria-label="Confirm the purpose of access">
          <p>
            From now on every request states <strong>{purposeLabel(pending)}</strong>. It is recorded with each record
            you read.
          </p>
          <button
            type="button"
            className="nhsuk-button nhsuk-button--secondary ffd-small-button"
            onClick={() => {
              onChange(pending);
              setPending(null);
            }}
          >
            Change purpose
          </button>{" "}
          <button
            type="button"
            className="nhsuk-button nhsuk-button--reverse ffd-small-button"
            onClick={() => setPending(null)}
          >
            Keep {purposeLabel(session.purpose)}
          </button>
        </div>
      ) : null}
    </div>
  );
}
