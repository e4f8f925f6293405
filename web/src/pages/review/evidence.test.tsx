import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { LevelTag, weightLabel } from "./evidence";

describe("a comparison level's tag", () => {
  it("says family-index's codes in words, coloured by agreement, in either case", () => {
    render(
      <>
        <LevelTag level="JARO_WINKLER_88" />
        <LevelTag level="exact" />
        <LevelTag level="ELSE" />
      </>,
    );
    expect(screen.getByText("Spelt similarly")).toHaveClass("nhsuk-tag--yellow");
    expect(screen.getByText("Same")).toHaveClass("nhsuk-tag--green");
    expect(screen.getByText("Different")).toHaveClass("nhsuk-tag--red");
  });

  it("shows a level it does not know grey, as sent", () => {
    render(<LevelTag level="PARTIAL_INITIALS" />);
    expect(screen.getByText("Partial initials")).toHaveClass("nhsuk-tag--grey");
  });

  it("signs weights, one decimal, with a true minus", () => {
    expect([weightLabel(13.04), weightLabel(-10), weightLabel(0.01), weightLabel(null)]).toEqual([
      "+13.0",
      "\u221210.0",
      "0.0",
      "None",
    ]);
  });
});
