import { useState, type FormEvent } from "react";
import type { SearchFields } from "./search-input";

const FIELDS: { name: keyof SearchFields; label: string; hint?: string; width: string; autoComplete: string }[] = [
  { name: "givenName", label: "Given name", width: "nhsuk-input--width-20", autoComplete: "off" },
  { name: "familyName", label: "Family name", width: "nhsuk-input--width-20", autoComplete: "off" },
  {
    name: "dateOfBirth",
    label: "Date of birth",
    hint: "For example, 16/05/2025",
    width: "nhsuk-input--width-10",
    autoComplete: "off",
  },
  {
    name: "nhsNumber",
    label: "NHS number",
    hint: "10 digits, for example 485 777 3457",
    width: "nhsuk-input--width-10",
    autoComplete: "off",
  },
  { name: "postcode", label: "Postcode", width: "nhsuk-input--width-10", autoComplete: "off" },
];

/** The search form: any of the five fields; what is given is matched as the family index links records. */
export function SearchForm({
  initial,
  onSearch,
  busy = false,
}: {
  initial: SearchFields;
  onSearch: (fields: SearchFields) => void;
  busy?: boolean;
}) {
  const [fields, setFields] = useState(initial);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSearch(fields);
  };
  return (
    <form onSubmit={submit} noValidate role="search" aria-label="Find a person">
      {FIELDS.map((f) => (
        <div className="nhsuk-form-group" key={f.name}>
          <label className="nhsuk-label" htmlFor={f.name}>
            {f.label}
          </label>
          {f.hint ? (
            <div className="nhsuk-hint" id={`${f.name}-hint`}>
              {f.hint}
            </div>
          ) : null}
          <input
            className={`nhsuk-input ${f.width}`}
            id={f.name}
            name={f.name}
            type="text"
            autoComplete={f.autoComplete}
            spellCheck={false}
            aria-describedby={f.hint ? `${f.name}-hint` : undefined}
            value={fields[f.name]}
            onChange={(e) => setFields({ ...fields, [f.name]: e.target.value })}
          />
        </div>
      ))}
      <button className="nhsuk-button" type="submit" disabled={busy}>
        Search
      </button>
    </form>
  );
}
