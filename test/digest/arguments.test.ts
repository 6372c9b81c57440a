import { describe, expect, it } from "vitest";
import { parseDigestArguments } from "../../src/digest/arguments.ts";
import { describeSchedule, Schedule } from "../../src/digest/schedule.ts";

/** The words of `/ombuds digest on …` read into a day, a time, "quiet" and councils. */
describe("parseDigestArguments", () => {
  const parsed = (...words: string[]) => parseDigestArguments(words);
  const ok = (...words: string[]) => {
    const result = parseDigestArguments(words);
    if (!result.ok) throw new Error(result.message);
    return result.value;
  };

  it("with no arguments gives no councils and leaves day and time to the defaults", () => {
    expect(ok()).toEqual({ councils: [], quiet: false });
  });

  it("splits councils on commas and reads a day and a time: 'Bury, Sefton tuesday 08:30'", () => {
    expect(ok("Bury,", "Sefton", "tuesday", "08:30")).toEqual({
      councils: ["Bury", "Sefton"],
      day: 2,
      time: "08:30",
      quiet: false,
    });
    expect(ok("Bury,Sefton").councils).toEqual(["Bury", "Sefton"]);
    expect(ok("Bury", ",", "Sefton").councils).toEqual(["Bury", "Sefton"]);
  });

  it("keeps council words as written and in order, wherever the day and time are", () => {
    expect(ok("north", "Yorkshire", "Mon", "Bath", "and", "North", "East", "Somerset")).toEqual({
      councils: ["north", "Yorkshire", "Bath", "and", "North", "East", "Somerset"],
      day: 1,
      quiet: false,
    });
  });

  it("reads days as full or short names in any case", () => {
    const days: [string, number][] = [
      ["monday", 1],
      ["Mon", 1],
      ["MONDAY", 1],
      ["tues", 2],
      ["Tue", 2],
      ["wed", 3],
      ["Wednesday", 3],
      ["thursday", 4],
      ["Thurs", 4],
      ["thu", 4],
      ["FRI", 5],
      ["saturday", 6],
      ["Sun", 0],
      ["Mondays", 1],
    ];
    for (const [word, day] of days) expect(ok(word).day, word).toBe(day);
  });

  it("reads times in 24-hour and 12-hour forms, as 24-hour HH:MM", () => {
    const times: [string[], string][] = [
      [["9:00"], "09:00"],
      [["09:00"], "09:00"],
      [["9am"], "09:00"],
      [["9AM"], "09:00"],
      [["9.30am"], "09:30"],
      [["9:30am"], "09:30"],
      [["17:30"], "17:30"],
      [["5pm"], "17:00"],
      [["12pm"], "12:00"],
      [["12am"], "00:00"],
      [["00:00"], "00:00"],
      [["23:59"], "23:59"],
      [["9", "am"], "09:00"],
      [["5.30", "PM"], "17:30"],
    ];
    for (const [words, time] of times) expect(ok(...words).time, words.join(" ")).toBe(time);
  });

  it("reads 'quiet' in any case", () => {
    expect(ok("Bury", "quiet")).toEqual({ councils: ["Bury"], quiet: true });
    expect(ok("QUIET", "friday", "5pm")).toEqual({ councils: [], day: 5, time: "17:00", quiet: true });
  });

  it("refuses 'Funday 25:00', naming each bad word and giving no partial result", () => {
    const result = parsed("Bury", "Funday", "25:00");
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map(({ word, problem }) => ({ word, problem }))).toEqual([
      { word: "Funday", problem: "not-a-day" },
      { word: "25:00", problem: "not-a-time" },
    ]);
    expect(result.message).toContain('"25:00" is not a time');
    expect(result.message).toContain('"Funday" is not a day of the week');
    expect(result).not.toHaveProperty("value");
  });

  it("refuses words that look like times but are not", () => {
    for (const word of ["25:00", "9:60", "13pm", "0am", "9", "0900", "9:5", "9:00:00", "3rd"]) {
      const result = parsed(word);
      expect(result.ok, word).toBe(false);
      if (!result.ok) expect(result.errors[0]).toMatchObject({ word, problem: "not-a-time" });
    }
  });

  it("refuses a second day or a second time", () => {
    const result = parsed("monday", "9am", "Tuesday", "10:00");
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map(({ word, problem }) => ({ word, problem }))).toEqual([
      { word: "Tuesday", problem: "second-day" },
      { word: "10:00", problem: "second-time" },
    ]);
  });

  it("gives a time and day that make a valid schedule", () => {
    const { day, time } = ok("Sefton", "thurs", "5.30pm");
    expect(describeSchedule(Schedule.parse({ day, time }))).toBe("Thursdays at 17:30 (Europe/London)");
    expect(Schedule.parse({ ...{ day: ok().day, time: ok().time } })).toEqual(Schedule.parse({}));
  });
});
