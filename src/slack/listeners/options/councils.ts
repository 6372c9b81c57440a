import { councilsStartingWith } from "../../../answers/index.ts";
import { AUTHORITY_TYPE_LABEL } from "../../../authorities/index.ts";
import type { SlackDeps } from "../../dependencies.ts";
import { councilOption } from "../../render/digest-modal.ts";

/** Slack shows at most 100 options in a select. */
const MAX_OPTIONS = 100;
/** What a person types into the select is short: anything longer is cut before it is matched. */
const MAX_QUERY = 100;

export interface CouncilOptionsArgs {
  /** What has been typed so far. */
  options: { value?: string };
  ack: (response: { options: ReturnType<typeof councilOption>[] }) => Promise<void>;
}

/**
 * The digest modal's councils select asks for options as the person types (`block_suggestion`): the councils whose
 * names start with (or contain, or nearly spell) the text, each with its type, and an abolished council saying so.
 */
export function councilOptions(deps: Pick<SlackDeps, "authorities">) {
  return async ({ options, ack }: CouncilOptionsArgs): Promise<void> => {
    const typed = String(options.value ?? "").slice(0, MAX_QUERY);
    const found = councilsStartingWith(typed, deps.authorities, MAX_OPTIONS);
    await ack({
      options: found.map((a) =>
        councilOption({
          name: a.name,
          shortName: a.shortName,
          detail: a.abolished ? `abolished ${a.abolished.slice(0, 4)}` : AUTHORITY_TYPE_LABEL[a.type],
        }),
      ),
    });
  };
}
