import type { ConcernCategory } from "../letters/schema.ts";

/** Concern categories as a person reads them. */
export const CONCERN_LABEL: Record<ConcernCategory, string> = {
  remedy_delays: "Remedies late",
  slow_enquiry_responses: "Enquiries answered slowly",
  witness_summons: "Witness summons",
  compliance_failure: "Recommendations not complied with",
  public_report: "Public report",
  complaint_handling: "Complaint handling",
  meeting_requested: "Meeting requested",
  training: "Training",
  improvement: "Improvement",
  other: "Other",
};

/** The same, as the object of a sentence: "Councils with late remedies", "No letter raises a public report". */
export const CONCERN_SUBJECT: Record<ConcernCategory, string> = {
  remedy_delays: "late remedies",
  slow_enquiry_responses: "slow answers to enquiries",
  witness_summons: "a witness summons",
  compliance_failure: "recommendations not complied with",
  public_report: "a public report",
  complaint_handling: "comments on complaint handling",
  meeting_requested: "a request to meet",
  training: "training",
  improvement: "improvement",
  other: "other points",
};
