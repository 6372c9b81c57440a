import { ask, createHoldings } from "../answers/index.ts";
import { loadAuthorities } from "../authorities/index.ts";
import { readStore } from "../store/store.ts";
import { renderAnswer } from "./answer.ts";
import type { Io } from "./io.ts";

/** `ombuds ask "<question>"`: exit 0 whenever it answered, "I don't know that council" included. */
export async function runAsk(
  question: string,
  storeFile: string,
  options: { json: boolean },
  io: Pick<Io, "stdout">,
): Promise<number> {
  const { data } = await readStore(storeFile);
  const answer = ask(question, createHoldings(data.letters), {
    authorities: loadAuthorities(),
    now: new Date(),
  });
  io.stdout.write(options.json ? `${JSON.stringify(answer, null, 2)}\n` : `${renderAnswer(answer)}\n`);
  return 0;
}
