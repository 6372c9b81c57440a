import type { SlackEventMiddlewareArgs } from "@slack/bolt";
import type { ViewsClient } from "../../clients.ts";
import type { SlackDeps } from "../../dependencies.ts";
import { guarded } from "../../guarded.ts";

export type AppHomeOpenedArgs = Pick<SlackEventMiddlewareArgs<"app_home_opened">, "event"> & {
  client: ViewsClient;
};

/**
 * The App Home tab, published afresh each time it is opened: what the bot holds and how to ask. A failure is only
 * logged: there is no conversation to apologise in, and the tab keeps the view it had.
 */
export function appHomeOpened(deps: SlackDeps) {
  return async ({ event, client }: AppHomeOpenedArgs): Promise<void> => {
    if (event.tab !== "home") return;
    await guarded(
      deps,
      { listener: "home", user: event.user },
      async () => {
        await client.views.publish({
          user_id: event.user,
          view: await deps.answerer.home(event.user),
        });
      },
      async () => {},
    );
  };
}
