/*
 * The week in words, apart from the schedule's maths (schedule.ts loads date-fns and its time zones): the answering
 * thread words a digest for App Home without loading them.
 */

/** Day names indexed like date-fns `getDay`: 0 Sunday … 6 Saturday. */
export const DAY_NAMES = [
  "Sunday",
  "Monday",
  "Tuesday",
  "Wednesday",
  "Thursday",
  "Friday",
  "Saturday",
] as const;

/** "Mondays at 09:00 (Europe/London)". */
export function weekly(day: number, time: string, timeZone: string): string {
  return `${DAY_NAMES[day] ?? "Monday"}s at ${time} (${timeZone})`;
}

/**
 * A digest in one line, for App Home's list: "Weekly digest for Bury, Sefton, Mondays at 09:00 (Europe/London),
 * quiet." and whether it is paused. (`describe` in subscribe.ts adds the next post's date, for `digest status`.)
 */
export function digestInWords(subscription: {
  councils: readonly string[];
  day: number;
  time: string;
  timeZone: string;
  quiet: boolean;
  paused: { reason: string } | null;
}): string {
  const scope = subscription.councils.length === 0 ? "all councils" : subscription.councils.join(", ");
  const when = weekly(subscription.day, subscription.time, subscription.timeZone);
  const quiet = subscription.quiet ? ", quiet (no post in a week with nothing new)" : "";
  const paused = subscription.paused ? ` Paused: ${subscription.paused.reason}.` : "";
  return `Weekly digest for ${scope}, ${when}${quiet}.${paused}`;
}
