import type { ReactNode } from "react";

export const NOT_VISIBLE = "Not visible to your role for this purpose";

/**
 * One value of a record: shown when present; when null, either "Not visible to your role for
 * this purpose" (the panel's detail is withheld) or "Not recorded". Never a blank.
 */
export function Detail({
  value,
  withheld,
  children,
}: {
  value: unknown;
  withheld: string | null;
  children?: ReactNode;
}) {
  if (value === null || value === undefined) {
    return withheld ? <span className="ffd-withheld">{NOT_VISIBLE}</span> : <span>Not recorded</span>;
  }
  return <>{children ?? String(value)}</>;
}

/** A row of an NHS summary list. */
export function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="nhsuk-summary-list__row">
      <dt className="nhsuk-summary-list__key">{label}</dt>
      <dd className="nhsuk-summary-list__value">{children}</dd>
    </div>
  );
}

export function yesNo(value: boolean): string {
  return value ? "Yes" : "No";
}
