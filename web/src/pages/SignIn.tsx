import { useState, type FormEvent } from "react";
import { ROLES, type Role } from "@ffd/shared/access";
import { POLICY } from "@ffd/shared/policy";
import { requestDevToken } from "../api/dev-token";
import { ErrorSummary } from "../components/ErrorSummary";
import { roleLabel } from "../components/labels";
import { usePageTitle } from "../components/title";
import { defaultPurpose, type Session } from "../session";

/**
 * Development sign-in: choose a role (every role in the access policy) and, optionally, the
 * claims that give a relationship with a family; the gateway issues a development token. In
 * production the gateway refuses, and sign-in is the organisation's OpenID Connect (src/auth/).
 */
export function SignIn({ onSignedIn }: { onSignedIn: (session: Session) => void }) {
  const [role, setRole] = useState<Role>("front-door");
  const [centre, setCentre] = useState("");
  const [caseload, setCaseload] = useState("");
  const [organisation, setOrganisation] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  usePageTitle("Sign in");

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const token = await requestDevToken(role, { centre, caseload, organisation });
      onSignedIn({ token, role, purpose: defaultPurpose(role) });
    } catch (err) {
      setError(err instanceof Error ? err.message : "Signing in failed.");
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <h1 className="nhsuk-heading-l">Sign in (development)</h1>
      {error ? <ErrorSummary messages={[error]} /> : null}
      <p>
        Choose the role to sign in as. A development token is issued by this gateway; it is refused in production, where
        you sign in with your organisation&apos;s account.
      </p>
      <form onSubmit={submit} noValidate>
        <div className="nhsuk-form-group">
          <label className="nhsuk-label" htmlFor="role">
            Role
          </label>
          <div className="nhsuk-hint" id="role-hint">
            {POLICY[role].who}
          </div>
          <select
            className="nhsuk-select"
            id="role"
            aria-describedby="role-hint"
            value={role}
            onChange={(e) => setRole(e.target.value as Role)}
          >
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {roleLabel(r)}
              </option>
            ))}
          </select>
        </div>
        <fieldset className="nhsuk-fieldset" aria-describedby="claims-hint">
          <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Claims (optional)</legend>
          <div className="nhsuk-hint" id="claims-hint">
            What gives you a relationship with a family: your children&apos;s centre, your health visiting caseload, or
            your organisation (a midwife&apos;s maternity provider).
          </div>
          <TextField id="centre" label="Centre" value={centre} onChange={setCentre} />
          <TextField id="caseload" label="Caseload" value={caseload} onChange={setCaseload} />
          <TextField id="organisation" label="Organisation" value={organisation} onChange={setOrganisation} />
        </fieldset>
        <button className="nhsuk-button" type="submit" disabled={busy}>
          Sign in
        </button>
      </form>
    </>
  );
}

function TextField({
  id,
  label,
  value,
  onChange,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <div className="nhsuk-form-group">
      <label className="nhsuk-label" htmlFor={id}>
        {label}
      </label>
      <input
        className="nhsuk-input nhsuk-input--width-20"
        id={id}
        type="text"
        autoComplete="off"
        spellCheck={false}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    </div>
  );
}
