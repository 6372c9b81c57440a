// Loaded with `node --import`: any import of a Slack package fails the process, naming it. A console start that
// answers with this in place loaded nothing of Slack.
import { register } from "node:module";

const hooks = `
export async function resolve(specifier, context, next) {
  if (/^@slack\\//.test(specifier)) throw new Error("the console loaded " + specifier);
  return next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`);
