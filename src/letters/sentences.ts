const ABBREVIATION = /(?:^|\s)(?:mr|mrs|ms|dr|st|no|nos|prof|cllr|e\.g|i\.e|etc|vs|para|ref)\.$/i;

/** Split a paragraph into sentences, keeping each sentence's own text (lines joined by single spaces). */
export function sentences(paragraph: string): string[] {
  const text = (paragraph.includes("\n") ? paragraph.replace(/\s*\n\s*/g, " ") : paragraph).trim();
  const out: string[] = [];
  let start = 0;
  const boundary = /[.!?]["')\]]?\s+(?=["'(]?[A-Z0-9])/g;
  for (let match = boundary.exec(text); match; match = boundary.exec(text)) {
    const end = match.index + match[0].trimEnd().length;
    const candidate = text.slice(start, end);
    if (ABBREVIATION.test(candidate)) continue;
    out.push(candidate.trim());
    start = match.index + match[0].length;
  }
  const rest = text.slice(start).trim();
  if (rest) out.push(rest);
  return out;
}
