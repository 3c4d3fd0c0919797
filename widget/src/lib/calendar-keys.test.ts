import { describe, expect, it } from "vitest";
import { navigate, selectable } from "./calendar-keys.ts";

describe("date grid keyboard (WAI-ARIA APG date picker)", () => {
  it("moves by day, week, to the week's ends, and by month or year", () => {
    const wednesday = "2026-11-25";
    expect(navigate(wednesday, "ArrowRight")).toBe("2026-11-26");
    expect(navigate(wednesday, "ArrowLeft")).toBe("2026-11-24");
    expect(navigate(wednesday, "ArrowDown")).toBe("2026-12-02");
    expect(navigate(wednesday, "ArrowUp")).toBe("2026-11-18");
    expect(navigate(wednesday, "Home")).toBe("2026-11-23");
    expect(navigate(wednesday, "End")).toBe("2026-11-29");
    expect(navigate(wednesday, "PageDown")).toBe("2026-12-25");
    expect(navigate(wednesday, "PageUp")).toBe("2026-10-25");
    expect(navigate(wednesday, "PageDown", true)).toBe("2027-11-25");
    expect(navigate("2026-01-31", "PageDown")).toBe("2026-02-28");
    expect(navigate(wednesday, "a")).toBeUndefined();
  });

  it("lets citizens pick days with free times or walk-in hours only", () => {
    expect(selectable("AVAILABLE")).toBe(true);
    expect(selectable("WALK_IN_ONLY")).toBe(true);
    expect(selectable("FULL")).toBe(false);
    expect(selectable("CLOSED")).toBe(false);
    expect(selectable(undefined)).toBe(false);
  });
});
