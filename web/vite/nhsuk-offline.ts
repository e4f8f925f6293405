import { createRequire } from "node:module";
import path from "node:path";
import type { Plugin } from "vite";

const require = createRequire(import.meta.url);

/**
 * nhsuk-frontend's compiled CSS as the app needs it offline and under a strict
 * Content-Security-Policy: the Frutiger @font-face rules point at assets.nhs.uk (no internet at
 * run time, and font-src is 'self'), so they are dropped and the design system's own fallback
 * (Arial) is used; its icons are written as site-absolute /assets/images/… URLs, which are
 * pointed at the package's own files so the build bundles them.
 */
export function nhsukOffline(): Plugin {
  const images = path.join(path.dirname(require.resolve("nhsuk-frontend/package.json")), "dist/nhsuk/assets/images");
  return {
    name: "ffd-nhsuk-offline",
    enforce: "pre",
    transform(code, id) {
      if (!/nhsuk-frontend[\\/].*\.css(\?|$)/.test(id)) return null;
      const css = code
        .replace(/@font-face\s*{[^}]*https:\/\/assets\.nhs\.uk[^}]*}/g, "")
        .replace(/url\(\/assets\/images\/([\w.-]+)\)/g, (_m, file: string) => `url(${path.join(images, file)})`);
      return { code: css, map: null };
    },
  };
}
