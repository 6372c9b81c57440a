const MONTHS = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
];

/** "22 July 2020", "22nd July, 2020", "July 22, 2020" inside running text. */
export const LONG_DATE =
  /\b(?:(\d{1,2})(?:st|nd|rd|th)?\s+(january|february|march|april|may|june|july|august|september|october|november|december)|(january|february|march|april|may|june|july|august|september|october|november|december)\s+(\d{1,2})(?:st|nd|rd|th)?),?\s+(\d{4})\b/i;

/** The ISO date of the first long date in `text`, or null when there is none or it is not a real day. */
export function findDate(text: string): string | null {
  const match = LONG_DATE.exec(text);
  if (!match) return null;
  const day = Number(match[1] ?? match[4]);
  const month = MONTHS.indexOf((match[2] ?? match[3] ?? "").toLowerCase()) + 1;
  return isoDate(Number(match[5]), month, day);
}

export function isoDate(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return null;
  return date.toISOString().slice(0, 10);
}
