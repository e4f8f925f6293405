import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import "nhsuk-frontend/dist/nhsuk/nhsuk-frontend.min.css";
import "./app.css";
import { App } from "./App";

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
