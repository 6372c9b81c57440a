import { z } from "zod";

/** The Ombudsman compares each council with the average of its own kind; these are the kinds it uses. */
export const AuthorityType = z.enum([
  "county",
  "district",
  "metropolitan_borough",
  "unitary",
  "london_borough",
]);
export type AuthorityType = z.infer<typeof AuthorityType>;

export const AUTHORITY_TYPE_LABEL: Record<AuthorityType, string> = {
  county: "county council",
  district: "district council",
  metropolitan_borough: "metropolitan borough",
  unitary: "unitary council",
  london_borough: "London borough",
};

const isoDate = z.iso.date();

export const Authority = z
  .object({
    name: z.string().min(3),
    shortName: z.string().min(2),
    aliases: z.array(z.string().min(2)),
    type: AuthorityType,
    onsCode: z
      .string()
      .regex(/^E(06|07|08|09|10)\d{6}$/)
      .nullable(),
    created: isoDate.nullable(),
    abolished: isoDate.nullable(),
  })
  .strict();
export type Authority = z.infer<typeof Authority>;

export const AuthoritiesFile = z
  .object({
    schemaVersion: z.literal(1),
    authorities: z.array(Authority).min(1),
  })
  .strict();
export type AuthoritiesFile = z.infer<typeof AuthoritiesFile>;
