/** "Yours sincerely", "Kind regards", "Best wishes": where a letter's body ends and its signature begins. */
const SIGN_OFF = /^(?:yours (?:sincerely|faithfully)|kind regards|best wishes)/i;

/** Whether `paragraph` is the sign-off; only a paragraph starting with y, k or b can be one. */
export function isSignOff(paragraph: string): boolean {
  const c = paragraph.charCodeAt(0) | 0x20;
  return (c === 0x79 || c === 0x6b || c === 0x62) && SIGN_OFF.test(paragraph);
}
