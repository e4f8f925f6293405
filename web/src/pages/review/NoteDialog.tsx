import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from "react";

/** The longest note a review decision may carry, as family-index allows (shared/src/input-bounds.ts). */
export const MAX_NOTE_LENGTH = 2000;

const FOCUSABLE =
  'a[href], button:not([disabled]), textarea:not([disabled]), input:not([disabled]), select:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * The confirmation step of a review decision: a modal dialog saying what will happen, a note
 * (optional, or required for an unlink's reason), the action and Cancel. Focus starts in the
 * note, stays inside (Tab and Shift+Tab wrap) and Escape cancels; the opener puts focus back.
 */
export function NoteDialog({
  title,
  children,
  action,
  noteLabel,
  noteRequired = false,
  busy = false,
  refused,
  onConfirm,
  onCancel,
}: {
  title: string;
  children: ReactNode;
  action: string;
  noteLabel: string;
  noteRequired?: boolean;
  busy?: boolean;
  refused?: ReactNode;
  onConfirm: (note: string | null) => void;
  onCancel: () => void;
}) {
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);
  const dialog = useRef<HTMLDivElement>(null);
  const field = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    field.current?.focus();
  }, []);

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

  const submit = () => {
    const note = text.replace(/\s+/g, " ").trim();
    if (noteRequired && note.length === 0) {
      setError(`Enter ${noteLabel.toLowerCase()}`);
      field.current?.focus();
      return;
    }
    if (note.length > MAX_NOTE_LENGTH) {
      setError(`${noteLabel.replace(/ \(optional\)$/, "")} must be ${MAX_NOTE_LENGTH} characters or fewer`);
      field.current?.focus();
      return;
    }
    setError(null);
    onConfirm(note || null);
  };

  return (
    <div className="ffd-modal__backdrop">
      <div
        className="ffd-modal"
        role="dialog"
        aria-modal="true"
        aria-labelledby="note-dialog-title"
        aria-describedby="note-dialog-what"
        ref={dialog}
        onKeyDown={keyDown}
      >
        <h2 className="nhsuk-heading-m" id="note-dialog-title">
          {title}
        </h2>
        <div id="note-dialog-what">{children}</div>
        {refused}
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <div className={`nhsuk-form-group${error ? " nhsuk-form-group--error" : ""}`}>
            <label className="nhsuk-label nhsuk-label--s" htmlFor="note-dialog-note">
              {noteLabel}
            </label>
            <div className="nhsuk-hint" id="note-dialog-note-hint">
              Kept with the decision, with your name and role. At most {MAX_NOTE_LENGTH} characters
            </div>
            {error ? (
              <span className="nhsuk-error-message" id="note-dialog-note-error">
                <span className="nhsuk-u-visually-hidden">Error:</span> {error}
              </span>
            ) : null}
            <textarea
              className={`nhsuk-textarea${error ? " nhsuk-textarea--error" : ""}`}
              id="note-dialog-note"
              rows={3}
              value={text}
              aria-describedby={`note-dialog-note-hint${error ? " note-dialog-note-error" : ""}`}
              aria-invalid={error ? true : undefined}
              ref={field}
              onChange={(e) => setText(e.target.value)}
            />
          </div>
          <div className="ffd-modal__actions">
            <button className="nhsuk-button nhsuk-u-margin-bottom-0" type="submit" disabled={busy}>
              {action}
            </button>
            <button
              className="nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-0"
              type="button"
              onClick={onCancel}
            >
              Cancel
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}
