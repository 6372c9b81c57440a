export {
  answerMessage,
  errorMessage,
  type Message,
  SHARE_ACTION,
  SUGGESTION_ACTION,
  shareValue,
  withoutShareButton,
  withShare,
} from "./answer.ts";
export { digestMessage } from "./digest.ts";
export { clip, escape } from "./escape.ts";
export { type HomeInput, homeView, SLASH_COMMAND } from "./home.ts";
export { LIMITS, type ShownText, shownLength, shownTexts, textsOf } from "./limits.ts";
