import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { pageWindow } from "./components.js";

describe("pageWindow", () => {
  it("links every page of a short list", () => {
    expect(pageWindow(2, 5)).toEqual([1, 2, 3, 4, 5]);
  });
  it("keeps a long list to a few links around the current page", () => {
    expect(pageWindow(500, 1000)).toEqual([1, null, 498, 499, 500, 501, 502, null, 1000]);
    expect(pageWindow(1, 1000)).toEqual([1, 2, 3, null, 1000]);
  });
  it("always holds the first, current and last pages, in order, with no gap of one page", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }).chain((pages) => fc.tuple(fc.integer({ min: 1, max: pages }), fc.constant(pages))), ([page, pages]) => {
        const w = pageWindow(page, pages);
        const numbers = w.filter((n): n is number => n !== null);
        expect(numbers).toContain(1);
        expect(numbers).toContain(page);
        expect(numbers).toContain(pages);
        expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
        expect(w.length).toBeLessThanOrEqual(9);
        w.forEach((n, i) => {
          if (n === null) expect((w[i + 1] as number) - (w[i - 1] as number)).toBeGreaterThan(2);
        });
      }),
    );
  });
});
