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
