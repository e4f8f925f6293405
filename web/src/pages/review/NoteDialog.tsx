import { useEffect, useRef, useState, type ReactNode } from "react";
import { Modal, TextAreaField } from "../../components/Modal";

/** The longest note a review decision may carry, as family-index allows (shared/src/input-bounds.ts). */
export const MAX_NOTE_LENGTH = 2000;

/**
 * The confirmation step of a review decision: a modal dialog saying what will happen, a note
 * (optional, or required for an unlink's reason), the action and Cancel. Focus starts in the
 * note (the `Modal` keeps it inside and cancels on Escape); the opener puts focus back.
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
  const field = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    field.current?.focus();
  }, []);

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
    <Modal labelledBy="note-dialog-title" describedBy="note-dialog-what" onCancel={onCancel}>
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
        <TextAreaField
          id="note-dialog-note"
          label={noteLabel}
          hint={<>Kept with the decision, with your name and role. At most {MAX_NOTE_LENGTH} characters</>}
          error={error}
          rows={3}
          value={text}
          onChange={setText}
          fieldRef={field}
        />
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
    </Modal>
  );
}
