import { DAY_NAMES } from "./schedule.ts";

/**
 * The words of `/ombuds digest on [councils…] [day] [HH:MM] [quiet]`, read into a day, a time, "quiet" and the words
 * that name councils. Pure: the schedule's maths (time zones, summer time) is in schedule.ts; this only reads words.
 */

export type DigestArguments = {
  /** The words that are neither a day, a time nor "quiet", as written and in order, split on commas. */
  councils: string[];
  day?: number;
  /** Normalised to 24-hour "HH:MM". */
  time?: string;
  quiet: boolean;
};

export type DigestArgumentError = {
  word: string;
  problem: "not-a-time" | "not-a-day" | "second-day" | "second-time";
  message: string;
};

export type ParsedDigestArguments =
  | { ok: true; value: DigestArguments }
  | { ok: false; errors: DigestArgumentError[]; message: string };

const DAY_WORDS: ReadonlyMap<string, number> = new Map(
  (
    [
      ["sun", 0],
      ["sunday", 0],
      ["mon", 1],
      ["monday", 1],
      ["tue", 2],
      ["tues", 2],
      ["tuesday", 2],
      ["wed", 3],
      ["weds", 3],
      ["wednesday", 3],
      ["thu", 4],
      ["thur", 4],
      ["thurs", 4],
      ["thursday", 4],
      ["fri", 5],
      ["friday", 5],
      ["sat", 6],
      ["saturday", 6],
    ] as const
  ).flatMap(([word, day]) =>
    word.endsWith("day") ? [[word, day] as const, [`${word}s`, day] as const] : [[word, day] as const],
  ),
);

const TWENTY_FOUR_HOUR = /^(\d{1,2})[:.](\d{2})$/;
const TWELVE_HOUR = /^(\d{1,2})(?:[:.](\d{2}))?(am|pm)$/i;

/** "09:00", "9:00", "17:30", "9.30" → 24-hour; "9am", "9.30am", "5pm", "12am" → 12-hour. Null if neither. */
export function parseTimeWord(word: string): string | null {
  let hours: number;
  let minutes: number;
  const twentyFour = TWENTY_FOUR_HOUR.exec(word);
  const twelve = TWELVE_HOUR.exec(word);
  if (twentyFour) {
    hours = Number(twentyFour[1]);
    minutes = Number(twentyFour[2]);
    if (hours > 23) return null;
  } else if (twelve) {
    const clock = Number(twelve[1]);
    if (clock < 1 || clock > 12) return null;
    minutes = Number(twelve[2] ?? 0);
    hours = (clock % 12) + (twelve[3]?.toLowerCase() === "pm" ? 12 : 0);
  } else {
    return null;
  }
  if (minutes > 59) return null;
  return `${String(hours).padStart(2, "0")}:${String(minutes).padStart(2, "0")}`;
}

/** "9", "9:30" or "9.30" followed by a separate "am"/"pm" word is read as one time ("9 am"). */
function joinMeridiem(words: string[]): string[] {
  const joined: string[] = [];
  for (const word of words) {
    const previous = joined.at(-1);
    if (/^(am|pm)$/i.test(word) && previous !== undefined && /^\d{1,2}([:.]\d{2})?$/.test(previous)) {
      joined[joined.length - 1] = `${previous}${word}`;
    } else {
      joined.push(word);
    }
  }
  return joined;
}

/**
 * Parses the arguments of `/ombuds digest on`: `[councils…] [day] [HH:MM] [quiet]`, in any order.
 *
 * - Words are split on whitespace and commas ("Bury, Sefton" and "Bury,Sefton" are two words).
 * - A day is a full or short name in any case: "monday", "Mon", "tues", "Thurs", also "Mondays".
 * - A time is 24-hour "9:00", "09:00", "17:30" (or "9.30"), or 12-hour "9am", "9.30am", "5pm", "9 am".
 * - "quiet" (any case) sets `quiet`.
 * - Everything else is a council word, returned as written and in order for the caller to match.
 *
 * Errors, all reported together and with no partial result:
 * - a word with a digit in it that is not a valid time ("25:00", "9", "13pm") is "not a time": no council name
 *   has a digit, so it can only be a mistyped time;
 * - a word ending in "day" that is not a day name ("Funday") is "not a day of the week": no council name ends
 *   in "day", so it can only be a mistyped day;
 * - a second day or a second time.
 */
export function parseDigestArguments(words: string[]): ParsedDigestArguments {
  const tokens = joinMeridiem(
    words.flatMap((word) => word.split(/[\s,]+/)).filter((word) => word.length > 0),
  );
  const councils: string[] = [];
  const errors: DigestArgumentError[] = [];
  let day: number | undefined;
  let time: string | undefined;
  let quiet = false;

  for (const word of tokens) {
    const lower = word.toLowerCase();
    const dayNumber = DAY_WORDS.get(lower);
    if (lower === "quiet") {
      quiet = true;
    } else if (dayNumber !== undefined) {
      if (day === undefined) day = dayNumber;
      else
        errors.push({
          word,
          problem: "second-day",
          message: `"${word}": give one day only (already ${DAY_NAMES[day]})`,
        });
    } else if (/\d/.test(word)) {
      const parsed = parseTimeWord(word);
      if (parsed === null)
        errors.push({
          word,
          problem: "not-a-time",
          message: `"${word}" is not a time: use 24-hour HH:MM (09:00, 17:30) or 9am, 5.30pm`,
        });
      else if (time === undefined) time = parsed;
      else
        errors.push({
          word,
          problem: "second-time",
          message: `"${word}": give one time only (already ${time})`,
        });
    } else if (/days?$/.test(lower)) {
      errors.push({
        word,
        problem: "not-a-day",
        message: `"${word}" is not a day of the week: use Monday … Sunday or Mon … Sun`,
      });
    } else {
      councils.push(word);
    }
  }

  if (errors.length > 0)
    return { ok: false, errors, message: errors.map((error) => error.message).join("; ") };
  const value: DigestArguments = { councils, quiet };
  if (day !== undefined) value.day = day;
  if (time !== undefined) value.time = time;
  return { ok: true, value };
}
