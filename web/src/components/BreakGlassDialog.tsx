import { useEffect, useRef, useState } from "react";
import {
  BREAK_GLASS_MAX_LENGTH,
  BREAK_GLASS_MIN_LENGTH,
  breakGlassReasonProblem,
  normaliseBreakGlassReason,
} from "@ffd/shared/access";
import { Modal, TextAreaField } from "./Modal";

/** Typographic punctuation pasted from documents, as the plain characters a header can carry. */
const PLAIN: Readonly<Record<string, string>> = {
  "\u2018": "'",
  "\u2019": "'",
  "\u201c": '"',
  "\u201d": '"',
  "\u2013": "-",
  "\u2014": "-",
  "\u2026": "...",
  "\u00a0": " ",
};

/**
 * The reason as it will be sent in X-Break-Glass-Reason, or what is wrong with it in words for
 * the person typing (the NHS error message style). The gateway's rules (`@ffd/shared`): 10 to
 * 1000 characters once white space is collapsed, no control characters. An HTTP header carries
 * only Latin-1, so typographic quotes and dashes become plain ones and anything else beyond it
 * (emoji, other scripts) is refused here rather than failing in the browser.
 */
export function checkReason(raw: string): { reason: string } | { error: string } {
  const reason = normaliseBreakGlassReason(
    raw.replace(/[\u2018\u2019\u201c\u201d\u2013\u2014\u2026\u00a0]/g, (c) => PLAIN[c]),
  );
  if (reason.length === 0) return { error: "Enter why you need to see the full record" };
  const problem = breakGlassReasonProblem(reason);
  if (problem === "too-short") return { error: `Reason must be ${BREAK_GLASS_MIN_LENGTH} characters or more` };
  if (problem === "too-long") return { error: `Reason must be ${BREAK_GLASS_MAX_LENGTH} characters or fewer` };
  if (problem === "control-characters") return { error: "Reason must not contain control characters" };
  // eslint-disable-next-line no-control-regex
  if (/[^\u0000-\u00ff]/.test(reason)) {
    return { error: "Reason must only use letters, numbers, spaces and punctuation, without emoji or symbols" };
  }
  return { reason };
}

/**
 * Break glass: a modal dialog asking for the written reason, warning that the access is recorded
 * and reviewed. Focus starts in the reason (the `Modal` keeps it inside and cancels on Escape).
 */
export function BreakGlassDialog({
  onConfirm,
  onCancel,
}: {
  onConfirm: (reason: string) => void;
  onCancel: () => void;
}) {
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);
  const reasonField = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    reasonField.current?.focus();
  }, []);

  return (
    <Modal labelledBy="break-glass-title" describedBy="break-glass-warning" onCancel={onCancel}>
      <h2 className="nhsuk-heading-m" id="break-glass-title">
        See the full record (break glass)
      </h2>
      <div className="nhsuk-warning-callout">
        <h3 className="nhsuk-warning-callout__label">
          <span role="text">
            <span className="nhsuk-u-visually-hidden">Important: </span>
            This access is recorded and reviewed
          </span>
        </h3>
        <p id="break-glass-warning">
          Break glass only when you need the full record now and the service has no record of your relationship with
          this family. Your reason is recorded in the audit trail with your name, role and purpose, and an information
          governance auditor reviews every break-glass access.
        </p>
      </div>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const checked = checkReason(text);
          if ("error" in checked) {
            setError(checked.error);
            reasonField.current?.focus();
          } else {
            onConfirm(checked.reason);
          }
        }}
      >
        <TextAreaField
          id="break-glass-reason"
          name="reason"
          label="Why do you need to see the full record?"
          hint={
            <>
              Write between {BREAK_GLASS_MIN_LENGTH} and {BREAK_GLASS_MAX_LENGTH} characters. The full record is shown
              on this page only: leaving or reloading it returns you to your usual access.
            </>
          }
          error={error}
          rows={5}
          value={text}
          onChange={setText}
          fieldRef={reasonField}
        />
        <div className="ffd-modal__actions">
          <button type="submit" className="nhsuk-button nhsuk-button--warning">
            Break glass and see the full record
          </button>
          <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </Modal>
  );
}
