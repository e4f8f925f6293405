import { useRef, type KeyboardEvent, type ReactNode, type Ref } from "react";

const FOCUSABLE =
  'a[href], button:not([disabled]), textarea:not([disabled]), input:not([disabled]), select:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * A modal dialog: focus stays inside it (Tab and Shift+Tab wrap) and Escape cancels. The dialog
 * is named by the element `labelledBy` and described by `describedBy`; the content puts focus
 * where the person starts, and the page that opened it puts focus back where it was.
 */
export function Modal({
  labelledBy,
  describedBy,
  onCancel,
  children,
}: {
  labelledBy: string;
  describedBy: string;
  onCancel: () => void;
  children: ReactNode;
}) {
  const dialog = useRef<HTMLDivElement>(null);

  const keyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === "Escape") {
      e.preventDefault();
      onCancel();
      return;
    }
    if (e.key !== "Tab" || !dialog.current) return;
    const focusable = Array.from(dialog.current.querySelectorAll<HTMLElement>(FOCUSABLE));
    if (focusable.length === 0) return;
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (e.shiftKey && (document.activeElement === first || !dialog.current.contains(document.activeElement))) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  };

  return (
    <div className="ffd-modal__backdrop">
      <div
        className="ffd-modal"
        role="dialog"
        aria-modal="true"
        aria-labelledby={labelledBy}
        aria-describedby={describedBy}
        ref={dialog}
        onKeyDown={keyDown}
      >
        {children}
      </div>
    </div>
  );
}

/**
 * A labelled text area in the NHS form style, with its hint and, when there is one, its error
 * message (ids `<id>-hint` and `<id>-error`, both describing the field).
 */
export function TextAreaField({
  id,
  name,
  label,
  hint,
  error,
  rows,
  value,
  onChange,
  fieldRef,
}: {
  id: string;
  name?: string;
  label: ReactNode;
  hint: ReactNode;
  error: string | null;
  rows: number;
  value: string;
  onChange: (value: string) => void;
  fieldRef: Ref<HTMLTextAreaElement>;
}) {
  return (
    <div className={`nhsuk-form-group${error ? " nhsuk-form-group--error" : ""}`}>
      <label className="nhsuk-label nhsuk-label--s" htmlFor={id}>
        {label}
      </label>
      <div className="nhsuk-hint" id={`${id}-hint`}>
        {hint}
      </div>
      {error ? (
        <span className="nhsuk-error-message" id={`${id}-error`}>
          <span className="nhsuk-u-visually-hidden">Error:</span> {error}
        </span>
      ) : null}
      <textarea
        className={`nhsuk-textarea${error ? " nhsuk-textarea--error" : ""}`}
        id={id}
        name={name}
        rows={rows}
        value={value}
        aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}
        aria-invalid={error ? true : undefined}
        ref={fieldRef}
        onChange={(e) => onChange(e.target.value)}
      />
    </div>
  );
}
