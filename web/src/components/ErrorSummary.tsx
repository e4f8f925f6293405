import { useEffect, useRef } from "react";

/**
 * The NHS error summary: a titled box of what went wrong, focused when it appears so a screen
 * reader announces it and a keyboard user starts there.
 */
export function ErrorSummary({ title = "There is a problem", messages }: { title?: string; messages: string[] }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, [messages.join("\n")]);
  if (messages.length === 0) return null;
  return (
    <div className="nhsuk-error-summary" aria-labelledby="error-summary-title" role="alert" tabIndex={-1} ref={ref}>
      <h2 className="nhsuk-error-summary__title" id="error-summary-title">
        {title}
      </h2>
      <div className="nhsuk-error-summary__body">
        <ul className="nhsuk-list nhsuk-error-summary__list">
          {messages.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      </div>
    </div>
  );
}
