/**
 * A loopback stand-in for Slack for integration tests: the Web API, response URLs and Socket Mode on one
 * 127.0.0.1 server (`startSlack`), request signing for Bolt's HTTP receiver (`postSigned`), and builders for
 * the payloads Slack sends (`slashCommand`, `eventCallback`, `blockAction`, …).
 */
export {
  type Answer,
  type ApiCall,
  type Args,
  type Failure,
  type FakeSlack,
  type FileUpload,
  type PlatformFailure,
  type RateLimitFailure,
  type Recorded,
  type ResponseUrlPost,
  type StartSlackOptions,
  startSlack,
  type WaitOptions,
} from "./fake-slack.ts";
export {
  APP_ID,
  appHomeOpened,
  appMention,
  type BlockActionOptions,
  BOT_ID,
  BOT_USER_ID,
  blockAction,
  blockSuggestion,
  CHANNEL_ID,
  DM_CHANNEL_ID,
  directMessage,
  type EnvelopeType,
  type EventCallback,
  type EventCallbackOptions,
  eventCallback,
  freshTs,
  type SlackRequest,
  type SlashCommandFields,
  slashCommand,
  TEAM_DOMAIN,
  TEAM_ID,
  UNREACHABLE_RESPONSE_URL,
  USER_ID,
  urlVerification,
  VERIFICATION_TOKEN,
  type ViewSubmissionOptions,
  viewSubmission,
} from "./payloads.ts";
export {
  nowSeconds,
  postSigned,
  type SignedRequest,
  type SignedRequestOptions,
  signedRequest,
  slackSignature,
  type Tamper,
} from "./signing.ts";
export {
  type Ack,
  type Envelope,
  type EnvelopeInput,
  type SocketModeOptions,
  SocketModeStandIn,
  toEnvelope,
} from "./socket-mode.ts";
