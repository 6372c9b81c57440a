import fc from "fast-check";
import { describe, expect, it } from "vitest";
// biome-ignore lint/suspicious/noShadowRestrictedNames: the renderer's own escape, not the deprecated global.
import { clip, escape } from "../../../src/slack/render/index.ts";
import { findUnescaped } from "../../support/find-unescaped.ts";

/** `escape` is Slack's rule for every text it shows; `clip` escapes and cuts to a limit without breaking an entity. */

describe("escape", () => {
  it("writes &, < and > as &amp;, &lt; and &gt;, and nothing else", () => {
    expect(escape("Bath & North East Somerset <!channel> <@U123> <#C1> <https://x.example|y> 3 > 2")).toBe(
      "Bath &amp; North East Somerset &lt;!channel&gt; &lt;@U123&gt; &lt;#C1&gt; &lt;https://x.example|y&gt; 3 &gt; 2",
    );
    expect(escape("*bold* _it_ `code` “quotes” :warning: @here #general")).toBe(
      "*bold* _it_ `code` “quotes” :warning: @here #general",
    );
  });

  it("escapes an ampersand that already looks like an entity, so &lt; typed by a user shows as typed", () => {
    expect(escape("&lt;!here&gt;")).toBe("&amp;lt;!here&amp;gt;");
  });

  it("leaves no markup in any string", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (text) => {
        expect(findUnescaped(escape(text))).toEqual([]);
        expect(escape(text)).not.toMatch(/[<>]/);
      }),
    );
  });
});

describe("clip", () => {
  it("escapes a text that fits and leaves it whole", () => {
    expect(clip("Bury & Sefton", 20)).toBe("Bury &amp; Sefton");
  });

  it("cuts a long text on a word, with an ellipsis, counting the escaped length", () => {
    expect(clip("Sefton Metropolitan Borough Council", 20)).toBe("Sefton Metropolitan…");
    expect(clip("a & b & c & d & e", 12)).toBe("a &amp; b…");
  });

  it("cuts a single long word where it must", () => {
    expect(clip("x".repeat(200), 10)).toBe(`${"x".repeat(9)}…`);
  });

  it("never splits an entity or a surrogate pair, and never goes over the limit", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), fc.integer({ min: 1, max: 60 }), (text, max) => {
        const cut = clip(text, max);
        expect(cut.length).toBeLessThanOrEqual(max);
        expect(cut.replace(/&(?:amp|lt|gt);/g, "")).not.toMatch(/[&<>]/);
        expect(cut).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
      }),
    );
  });
});
