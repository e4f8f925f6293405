import { useEffect } from "react";

/**
 * The page's title, for the browser tab, history and screen readers (WCAG 2.4.2). Never a
 * person's name: titles end up in the browser's history.
 */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} – Family Front Door`;
  }, [title]);
}
