import { describe, expect, it } from "vitest";
import { type Authority, existedIn, loadAuthorities } from "../../src/authorities/index.ts";
import { readConcerns } from "../../src/letters/concerns.ts";
import {
  GENERAL,
  GENERAL_YEARS,
  generalParagraph,
  isGeneral,
  isStatistic,
} from "../../src/letters/general.ts";
import type { ConcernCategory, Letter } from "../../src/letters/schema.ts";
import { withoutSharedParagraphs } from "../../src/letters/shared.ts";
import {
  expectedRecord,
  type LetterSpec,
  PRAISE,
  randomSpec,
  seeded,
  WRITTEN_CATEGORIES,
  writeLetter,
  YEARS,
} from "../../testkit/letters.ts";
import { yearText } from "../../testkit/paragraphs.ts";
import { letterFrom } from "../support/records.ts";

/**
 * Issue 10, "Concerns that are the council's own": a concern or praise is a paragraph written about this council.
 * Paragraphs every council got that year are not concerns, even when they say "concerned", "public reports",
 * "complaint handling", "training" or "delays"; nor are the statistics the 2025 letters print in their body. Only
 * `concerns` (and their tone) are compared here: the statistics are proved elsewhere.
 */

const AUTHORITIES = loadAuthorities().all;

function parse(text: string, file = "generated/letter.txt"): Letter {
  return letterFrom(text, file);
}

const tone = (category: ConcernCategory) => (PRAISE.has(category) ? "praise" : "concern");
const kinds = (letter: Letter) => letter.concerns.map((c) => [c.category, c.tone]);

/** `n` random letters of `year` (random council, figures and layout), with exactly the given concerns. */
function specs(year: number, n: number, seed: number, concerns: ConcernCategory[]): LetterSpec[] {
  const random = seeded(seed);
  return Array.from({ length: n }, () => ({ ...randomSpec(random, AUTHORITIES, { year }), concerns }));
}

describe("the paragraphs every council got are not concerns", () => {
  for (const year of YEARS) {
    it(`generated ${year} letters that carry the general paragraphs and no council-specific ones have zero concerns`, () => {
      for (const [i, spec] of specs(year, 40, year * 7, []).entries()) {
        const letter = parse(writeLetter(spec), `generated/${year}/${i}.txt`);
        expect(letter.concerns, `${year} #${i}: ${JSON.stringify(spec.layout)}`).toEqual([]);
      }
    });
  }

  it("every paragraph of every year's general text, as the generator writes it, is recognised as general", () => {
    for (const year of YEARS) {
      const text = yearText(year);
      const paragraphs = [text.opening, ...text.definitions, ...text.before, ...text.after]
        .map((p) =>
          p
            .replace(/⟦⟦([^⟧]*)⟧⟧|⟦([^⟧]*)⟧/g, "$1$2")
            .replace("{Y}", String(year))
            .replace("{UPLOAD}", "28 July 2022"),
        )
        .filter((p) => /[.!?]/.test(p));
      for (const p of paragraphs) expect(isGeneral(p), `${year}: ${p}`).toBe(true);
      expect(readConcerns(paragraphs), String(year)).toEqual([]);
    }
  });

  it("general.ts knows each year from 2019 to 2025", () => {
    expect([...GENERAL_YEARS]).toEqual([...YEARS]);
    for (const year of GENERAL_YEARS) expect(GENERAL[year].length, String(year)).toBeGreaterThan(0);
  });
});

describe("letters with one paragraph of each category give exactly that category, with its tone", () => {
  for (const year of YEARS) {
    it(`${year}: one of each category, alone and all together, in the letter's order`, () => {
      for (const category of WRITTEN_CATEGORIES) {
        // Several seeds, so that every wording of the category is met.
        for (const [i, spec] of specs(year, 12, year + category.length * 101, [category]).entries()) {
          const letter = parse(writeLetter(spec));
          expect(kinds(letter), `${year} ${category} #${i}`).toEqual([[category, tone(category)]]);
        }
      }
      for (const [i, spec] of specs(year, 6, year * 3, [...WRITTEN_CATEGORIES]).entries()) {
        const letter = parse(writeLetter(spec));
        const expected = expectedRecord(spec).concerns;
        expect(kinds(letter), `${year} all #${i}`).toEqual(expected.map((c) => [c, tone(c)]));
      }
    });
  }
});

describe("tone is read from what is said, not from which keyword appears", () => {
  const cases = (list: [string, ConcernCategory, "concern" | "praise"][]) => {
    for (const [paragraph, category, expected] of list) {
      it(`"${paragraph}" is ${category} (${expected})`, () => {
        expect(kinds({ concerns: readConcerns([paragraph]) } as Letter)).toEqual([[category, expected]]);
      });
    }
  };

  describe("a concern worded kindly is still a concern", () => {
    cases([
      [
        "I would gently encourage the Council to ensure remedies are completed on time.",
        "remedy_delays",
        "concern",
      ],
      [
        "While I recognise the pressures councils are under, it is disappointing that your Council took too long to respond to our enquiries in four cases.",
        "slow_enquiry_responses",
        "concern",
      ],
      [
        "While I recognise the difficult financial circumstances councils face, it is disappointing that the Council completed two remedies late.",
        "remedy_delays",
        "concern",
      ],
      [
        "I appreciate how hard your officers have worked, but I must gently remind the Council that in one case this year it did not comply with our recommendations.",
        "compliance_failure",
        "concern",
      ],
      [
        "I would kindly ask the Council to reflect on how it engages with my office, and I would welcome the opportunity to meet with you.",
        "meeting_requested",
        "concern",
      ],
      [
        "Thank you for the Council's help this year; I hope that next year every remedy will be completed on time, as two were not.",
        "remedy_delays",
        "concern",
      ],
      [
        "I would gently encourage the Council to review how it keeps complainants informed.",
        "other",
        "concern",
      ],
      [
        "I would like the Council to respond to our enquiries promptly in future.",
        "slow_enquiry_responses",
        "concern",
      ],
    ]);
  });

  describe("praise that mentions delays or enquiries is praise", () => {
    cases([
      [
        "I was pleased that there were no delays in your Council implementing our recommendations this year.",
        "improvement",
        "praise",
      ],
      ["The Council responded to all our enquiries on time, with no delays.", "improvement", "praise"],
      [
        "Your officers answered our enquiries promptly and without delay throughout the year.",
        "improvement",
        "praise",
      ],
      [
        "None of the remedies the Council agreed to this year were late, and I thank your officers for that.",
        "improvement",
        "praise",
      ],
      [
        "It is encouraging that the Council has answered every one of our enquiries within the time we asked.",
        "improvement",
        "praise",
      ],
      [
        "I would like to thank the Council for responding to our enquiries promptly.",
        "improvement",
        "praise",
      ],
      [
        "We were pleased to arrange complaint handling training for your staff without delay when you asked for it.",
        "training",
        "praise",
      ],
    ]);
  });

  describe("good news told with a bad word is good news", () => {
    cases([
      ["Your Council has worked hard to tackle the delays we reported last year.", "other", "praise"],
      [
        "I was encouraged that the Council cleared the backlog of delayed remedies we highlighted last year.",
        "other",
        "praise",
      ],
      [
        "I was pleased to note there were no complaints this year where the Council failed to comply with our recommendations.",
        "other",
        "praise",
      ],
      [
        "I am not concerned by the small rise in the Council's upheld complaints, which reflects our own changes.",
        "other",
        "praise",
      ],
      [
        "One complaint this year concerned a disabled facilities grant. I was pleased that the Council put things right quickly.",
        "other",
        "praise",
      ],
      [
        "It is pleasing that the Council has reduced the time it takes to respond to our enquiries from 40 working days to 18.",
        "improvement",
        "praise",
      ],
    ]);
  });

  describe("a request put as a wish is a concern", () => {
    cases([
      [
        "It would be helpful if the Council could make sure its officers reply to our enquiries by the date we set.",
        "slow_enquiry_responses",
        "concern",
      ],
    ]);
  });

  it("a paragraph that names the council, not 'your Council', is its own", () => {
    const names = ["Cornwall Council", "Cornwall"];
    const read = (paragraph: string) => kinds({ concerns: readConcerns([paragraph], names) } as Letter);
    expect(
      read("I am concerned that Cornwall Council took too long to respond to our enquiries this year."),
    ).toEqual([["slow_enquiry_responses", "concern"]]);
    expect(
      read("I am concerned that Cornwall took too long to respond to our enquiries: a third were late."),
    ).toEqual([["slow_enquiry_responses", "concern"]]);
    expect(
      read("I was pleased that Cornwall Council responded to all our enquiries on time this year."),
    ).toEqual([["improvement", "praise"]]);
    // Another council's name is not this council's.
    expect(
      kinds({
        concerns: readConcerns(
          ["I am concerned that Devon took too long to respond to our enquiries."],
          names,
        ),
      } as Letter),
    ).toEqual([]);
  });

  it("denials are read in their scope: 'no delays' is good news, 'delays' and 'not ... within' are not", () => {
    expect(
      kinds({ concerns: readConcerns(["Your Council answered our enquiries with no delays."]) } as Letter),
    ).toEqual([["improvement", "praise"]]);
    expect(
      kinds({
        concerns: readConcerns([
          "Your Council's delays in answering our enquiries slowed our investigations.",
        ]),
      } as Letter),
    ).toEqual([["slow_enquiry_responses", "concern"]]);
    expect(
      kinds({
        concerns: readConcerns([
          "Half of our enquiries were not answered by your Council within the timescale we set.",
        ]),
      } as Letter),
    ).toEqual([["slow_enquiry_responses", "concern"]]);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// The detector against each year's general paragraphs, reworded, so that it is not tuned to the generator's text.

const PARAPHRASES: Record<number | "every", string[]> = {
  every: [
    "We uphold complaints where we find the council was at fault, including where it accepted fault before we became involved, and I hope you find this measure helpful.",
    "A compliance rate below 100% is a cause for concern for any council: failure to comply with our recommendations is rare, and your authority should look closely at any case where it happened.",
    "Where a council has put things right before the complaint came to us, and we agree with what it did, we count a satisfactory remedy: we want to credit early resolution, and your figures show how often it happens.",
    "We compare your council's figures with the average for similar authorities, so that you can see how your performance measures up.",
    "I am writing to you with your annual review of complaint statistics for the year ended 31 March 2023, and I have copied it to your Leader and the Chair of your Scrutiny Committee so that they can take ownership of complaint outcomes.",
  ],
  2019: [
    "Our annual letters are meant to help councils use the learning from complaints in their local scrutiny arrangements, so please share this letter with your elected members, including the chair of the committee that scrutinises complaint handling.",
    "Last year we ran 64 training courses for councils and care providers, training around 850 people in good complaint handling; councils tell us this helps them avoid delays, and I hope your staff will join one.",
    "Your council's performance, our new online map, will show the decisions we make, the public reports we issue and the service improvements councils agree to, and your letter will appear there too.",
  ],
  2020: [
    "A range of resources is available to help you put the learning from complaints at the centre of your corporate governance.",
    "Please share the tool with your colleagues and elected members: it gives early warning of problems and is valuable for scrutiny and audit.",
    "The information on Your council's performance includes the decisions we have made, the public reports we have issued, and the improvements your Council agreed to make.",
    "In the spring we ran link officer events in four cities, attended by delegates from more than 140 councils, and your link officer may have been among them.",
    "Our training programme continues to grow: this year we delivered more than 100 courses to councils and care providers, training well over a thousand people in complaint handling, and you can find out more on our website.",
  ],
  2021: [
    "The past twelve months brought enormous change, for councils and for my office alike, and I know you have felt it too.",
    "Because of the coronavirus pandemic, we suspended our casework from late March until the end of June 2020, which is why we decided fewer complaints about your authority than usual.",
    "We stopped accepting new complaints and paused our investigations between March and June 2020 because of Covid-19, so you may see fewer decisions about your council.",
    "The pandemic has put councils' complaint teams under real strain, and I am concerned that some have been scaled back; I would encourage you to make sure complaints are still heard.",
  ],
  2022: [
    "I am increasingly worried that effective complaint handling is being eroded across local government, and I want you to know why.",
    "I urge every council to put proper resources into its complaint function, which gives it valuable intelligence about its services, and I hope you will do so.",
    "Together with the Housing Ombudsman we are developing a joint complaint handling code for councils, and you will be able to comment on it.",
    "Later this year we will consult on a complaint handling code, developed jointly with the Housing Ombudsman, and I hope you will respond.",
  ],
  2023: [
    "Since 2022-23 we have been more selective about what we investigate, no longer pursuing borderline cases, so a larger share of our investigations now find fault; please bear this in mind when you read your figures.",
    "Complaints about SEND provision keep rising, and we see the same problems in councils across the country: late Education, Health and Care Plans, and support that never arrives. I hope you will read our guidance.",
    "We now record every service improvement we ask councils to make, and we would like you to record them as well, and to tell your members about them.",
  ],
  2024: [
    "The Complaint Handling Code, which we published jointly with the Housing Ombudsman in February 2024, will be taken into account in our casework from April 2026; please use the time until then to prepare your complaint handling for it.",
    "I am well aware that local authorities are working under severe financial pressure, but good complaint handling saves money by catching problems early, before delays build up, and I urge you to protect it.",
    "Councils face very difficult financial circumstances, but complaint handling is not a luxury, and I would urge you to protect it.",
    "Across the country we issued more public interest reports this year than last, and I would encourage you to read the ones about other councils.",
  ],
  2025: [
    "From 1 April 2026 the Complaint Handling Code will apply, and when we investigate we will look at whether a council has followed it. Your complaint handling should be ready by then.",
    "We have worked with a group of pilot councils that have adopted the Code early, and I hope you will learn from their experience.",
    "A number of councils piloted the Code with us this year and reported fewer delays and clearer responses to residents; we have published what they learned, and I hope it helps you prepare.",
  ],
};

/** 2025 letters print their statistics in the body, before the signature; reworded, they are still statistics. */
const STATISTICS = [
  "Between 1 April 2024 to 31 March 2025, we dealt with 291 complaints about the council.",
  "Of these, 87 were not for us or not ready for us to investigate.",
  "We assessed and closed 128 complaints.",
  "We investigated 76 complaints and upheld 63 of them.",
  "This is an uphold rate of 83%.",
  "This means we upheld 83% of the complaints we investigated.",
  "The average uphold rate for authorities of this type is 80%.",
  "Adjusted for Kent's population, this is 4.8 upheld decisions per 100,000 residents.",
  "The average for authorities of this type is 4.5 upheld decisions per 100,000 residents.",
  "In 100% of cases we were satisfied the council had successfully implemented our recommendations.",
  "No recommendations were due for compliance in this period.",
  "In 0% of upheld cases we found the council had provided a satisfactory remedy before the complaint reached the Ombudsman.",
  "This compares to an average of 12% in similar organisations.",
  "Statistics are based on a total of 63 upheld decisions for the period between 1 April 2024 to 31 March 2025.",
];

/** Council-specific paragraphs in the words of the general ones: the council's own, so still concerns. */
const OWN: [string, ConcernCategory, "concern" | "praise"][] = [
  [
    "While I recognise the difficult financial circumstances councils face, it is disappointing that your Council completed three remedies late.",
    "remedy_delays",
    "concern",
  ],
  [
    "I am concerned about the erosion of your Council's complaint handling: in two cases this year it failed to reply to complainants at all.",
    "complaint_handling",
    "concern",
  ],
  [
    "This year we issued a public report about the Council's handling of a homelessness application, and I ask your members to consider it.",
    "public_report",
    "concern",
  ],
  [
    "Thank you for your Council's part in the code pilot this year; it helped shape the Code.",
    "other",
    "praise",
  ],
  [
    "Your Council was one of the code pilot councils, and I was pleased with the way your officers adopted it.",
    "other",
    "praise",
  ],
  [
    "We issued a public interest report about the Council in March; it is one of several we issued nationally on the same issue, and I ask your members to consider it.",
    "public_report",
    "concern",
  ],
  [
    "I would gently encourage the Council to record the service improvements it agrees to, as in two cases this year it did not.",
    "other",
    "concern",
  ],
  [
    "During the pandemic your Council did not respond to our enquiries within the timescales we set.",
    "slow_enquiry_responses",
    "concern",
  ],
];

describe("a paragraph that turns ('However, …') holds praise and a concern, each in its own words", () => {
  const read = (paragraph: string) =>
    readConcerns([paragraph]).map((c) => ({ category: c.category, tone: c.tone, quote: c.quote }));

  it("praise, then a concern after 'However': the praise stands as praise, the concern quotes only itself", () => {
    expect(
      read(
        "I was pleased to see the Council engaged positively with my office this year. However, I am concerned that your Council took too long to respond to our enquiries in several cases.",
      ),
    ).toEqual([
      {
        category: "other",
        tone: "praise",
        quote: "I was pleased to see the Council engaged positively with my office this year.",
      },
      {
        category: "slow_enquiry_responses",
        tone: "concern",
        quote:
          "However, I am concerned that your Council took too long to respond to our enquiries in several cases.",
      },
    ]);
  });

  it("a concern, then praise after 'However': the praise is not folded into the concern", () => {
    const found = readConcerns([
      "The Council was late in providing remedies in four cases this year, which is disappointing. However, I was pleased to note your officers worked constructively with us to put this right.",
    ]);
    expect(found.map((c) => [c.category, c.tone, c.summary])).toEqual([
      ["remedy_delays", "concern", "Remedies not completed within the agreed timescales in four cases"],
      [
        "other",
        "praise",
        "I was pleased to note your officers worked constructively with us to put this right.",
      ],
    ]);
  });

  it("a sentence after a concern that does not turn, or turns to no tone, stays part of the concern", () => {
    expect(
      read(
        "Your Council completed remedies late in five cases. It is therefore concerning this happened again this year.",
      ),
    ).toHaveLength(1);
    expect(
      read(
        "The Council did not comply with our recommendations in two cases. But the Council has since told us what it did.",
      ),
    ).toEqual([
      {
        category: "compliance_failure",
        tone: "concern",
        quote:
          "The Council did not comply with our recommendations in two cases. But the Council has since told us what it did.",
      },
    ]);
  });

  it("an improvement hoped for is not an improvement seen: it stays with the concern it follows", () => {
    expect(
      read(
        "The Council completed remedies late in five cases. I hope to see improvement in the coming year.",
      ),
    ).toEqual([
      {
        category: "remedy_delays",
        tone: "concern",
        quote:
          "The Council completed remedies late in five cases. I hope to see improvement in the coming year.",
      },
    ]);
    expect(read("I look forward to seeing your Council improve its complaint responses.")).not.toContainEqual(
      expect.objectContaining({ category: "improvement" }),
    );
  });
});

describe("a witness summons is summarised as what was done", () => {
  it.each([
    [
      "I was sorry that we had to issue a witness summons to the Council in May this year.",
      "Witness summons issued",
    ],
    [
      "This year we took the highly unusual step of issuing a witness summons to the Council.",
      "Witness summons issued",
    ],
    [
      "We threatened to use a witness summons before the Council replied to us.",
      "Witness summons threatened",
    ],
    [
      "We considered whether to issue a witness summons to the Council, but it replied in time.",
      "Witness summons considered",
    ],
  ])("%j is summarised %j", (paragraph, summary) => {
    expect(readConcerns([paragraph]).map((c) => c.summary)).toEqual([summary]);
  });
});

describe("the detector reads general paragraphs by meaning, so reworded ones are still general", () => {
  for (const [year, paragraphs] of Object.entries(PARAPHRASES)) {
    it(`${year}: reworded general paragraphs are recognised, and give no concerns`, () => {
      for (const p of paragraphs) {
        expect(generalParagraph(p), p).toBeDefined();
        expect(readConcerns([p]), p).toEqual([]);
      }
    });
  }

  it("2025's statistics in the body, reworded, are statistics, and never concerns", () => {
    for (const s of STATISTICS) expect(isStatistic(s), s).toBe(true);
    expect(readConcerns([STATISTICS.join(" ")])).toEqual([]);
    expect(readConcerns(STATISTICS)).toEqual([]);
  });

  it("a sentence with a figure that reports a failure is not a statistic", () => {
    const failure = "In 3 cases the Council failed to comply with our recommendations.";
    expect(isStatistic(failure)).toBe(false);
    expect(kinds({ concerns: readConcerns([failure]) } as Letter)).toEqual([
      ["compliance_failure", "concern"],
    ]);
  });

  for (const [paragraph, category, expected] of OWN) {
    it(`a paragraph about the council in the general paragraphs' words stays its own: "${paragraph}"`, () => {
      expect(isGeneral(paragraph)).toBe(false);
      expect(kinds({ concerns: readConcerns([paragraph]) } as Letter)).toEqual([[category, expected]]);
    });
  }
});

// ---------------------------------------------------------------------------------------------------------------
// Across letters

const council = (shortName: string): Authority => {
  const found = AUTHORITIES.find((a) => a.shortName === shortName);
  if (!found) throw new Error(`no ${shortName} in authorities.json`);
  return found;
};

const PEOPLE = [
  { title: "Mr", surname: "Little", role: "Chief Executive" },
  { title: "Ms", surname: "Smith", role: "Chief Executive" },
  { title: "Dr", surname: "Patel", role: "Managing Director" },
];

/** A paragraph every council of the year got that general.ts does not know, naming each council and addressee. */
function madeUp(spec: LetterSpec): string {
  const { name, shortName } = spec.authority;
  const { title, surname } = spec.recipient;
  return `I want to make ${name} aware of a change to how we publish our decisions. From September, we will publish every decision we make about ${shortName}'s services within four weeks, and I am concerned that complainants have sometimes heard of our decisions late. I would ask you, ${title} ${surname}, to make sure your officers are ready for this change.`;
}

/** A letter of `year` to `shortName`, with `concerns` and, when `shared`, the made-up paragraph before the signature. */
function letterTo(
  shortName: string,
  year: number,
  i: number,
  concerns: ConcernCategory[],
  shared = true,
): Letter {
  const authority = council(shortName);
  const spec: LetterSpec = {
    ...randomSpec(seeded(year + i), AUTHORITIES, { authority, year }),
    recipient: PEOPLE[i % PEOPLE.length] as LetterSpec["recipient"],
    concerns,
  };
  const end = spec.layout.lineEnd;
  let text = writeLetter(spec);
  if (shared) text = text.replace(`Yours sincerely,`, `${madeUp(spec)}${end}${end}Yours sincerely,`);
  return parse(text, `generated/${year}/${shortName}.txt`);
}

const isMadeUp = (quote: string) => quote.includes("how we publish our decisions");

/** `withoutSharedParagraphs` gave back the very letters it was given. */
function expectUntouched(out: readonly Letter[], letters: readonly Letter[]): void {
  expect(out).toHaveLength(letters.length);
  for (const [i, letter] of out.entries()) expect(letter, letter.id).toBe(letters[i]);
}

describe("paragraphs every council got are recognised across councils (withoutSharedParagraphs)", () => {
  it("a paragraph in three councils' letters of a year is dropped from all three; one in a single letter is kept", () => {
    const letters = [
      letterTo("Bury", 2022, 0, ["remedy_delays"]),
      letterTo("Sefton", 2022, 1, []),
      letterTo("Stockport", 2022, 2, ["training"]),
    ];
    // Read alone, each letter takes the made-up paragraph for a concern: general.ts does not know it.
    for (const letter of letters)
      expect(
        letter.concerns.some((c) => isMadeUp(c.quote)),
        letter.id,
      ).toBe(true);

    const out = withoutSharedParagraphs(letters, letters);
    for (const letter of out)
      expect(
        letter.concerns.some((c) => isMadeUp(c.quote)),
        letter.id,
      ).toBe(false);
    expect(out.map(kinds)).toEqual([[["remedy_delays", "concern"]], [], [["training", "praise"]]]);
    // Only the concerns change.
    for (const [i, letter] of out.entries()) {
      expect({ ...letter, concerns: [] }).toEqual({ ...letters[i], concerns: [] });
    }
  });

  it("checks only the letters it is given, judged against all of them", () => {
    const letters = [
      letterTo("Bury", 2023, 0, []),
      letterTo("Sefton", 2023, 1, []),
      letterTo("Stockport", 2023, 2, []),
    ];
    const [stockport] = withoutSharedParagraphs([letters[2] as Letter], letters);
    expect(stockport?.concerns).toEqual([]);
  });

  it("leaves letters untouched where no other two councils of the same year share the paragraph", () => {
    const two = [letterTo("Bury", 2024, 0, ["witness_summons"]), letterTo("Sefton", 2024, 1, [])];
    expectUntouched(withoutSharedParagraphs(two, two), two);

    // The same council's letter twice counts once.
    const again = [...two, letterTo("Bury", 2024, 3, [])];
    expectUntouched(withoutSharedParagraphs(again, again), again);

    // Another year's letters do not count.
    const years = [...two, letterTo("Stockport", 2023, 2, [])];
    expectUntouched(withoutSharedParagraphs(years, years), years);
  });

  for (const year of [2020, 2025]) {
    it(`a year of generated letters, one per council (as the Ombudsman writes them), loses no concern (${year})`, () => {
      const random = seeded(year);
      const letters = AUTHORITIES.filter((a) => existedIn(a, year)).map((authority) =>
        parse(writeLetter(randomSpec(random, AUTHORITIES, { authority, year }))),
      );
      expect(letters.reduce((n, l) => n + l.concerns.length, 0)).toBeGreaterThan(100);
      expectUntouched(withoutSharedParagraphs(letters, letters), letters);
    });
  }
});
