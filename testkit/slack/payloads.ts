/**
 * Builders for the requests Slack sends to an app, shaped as Slack sends them (field names, string-typed form
 * fields, nesting). Each builder returns both the raw HTTP body and the decoded payload, so one builder serves
 * both transports: post `body` (signed) to an HTTP endpoint, or put `payload` in a Socket Mode envelope.
 */

/** Socket Mode envelope types, as Slack names them on the wire. */
export type EnvelopeType = "slash_commands" | "events_api" | "interactive";

export type FormContentType = "application/x-www-form-urlencoded";
export type JsonContentType = "application/json";

export interface SlackRequest<P extends object = Record<string, unknown>> {
  /** The body exactly as Slack sends it over HTTP (and as it is signed). */
  body: string;
  contentType: FormContentType | JsonContentType;
  /** The decoded payload: what Bolt hands listeners as `body`, and what a Socket Mode envelope carries. */
  payload: P;
  /** The envelope type this payload travels in over Socket Mode; absent for HTTP-only requests (url_verification). */
  envelopeType?: EnvelopeType;
}

/** Ids shared by every builder, so payloads from one "workspace" agree with each other and with the stand-in. */
export const TEAM_ID = "T0OMBUDS";
export const TEAM_DOMAIN = "ombuds-test";
export const APP_ID = "A1";
export const BOT_USER_ID = "UBOT";
export const BOT_ID = "BBOT";
export const USER_ID = "U0OFFICER";
export const CHANNEL_ID = "C0GENERAL";
/** USER_ID's DM with the bot (the stand-in's conversations.open gives the same id). */
export const DM_CHANNEL_ID = "D0OFFICER";
/** The deprecated verification token Slack still puts in every payload; Bolt ignores it. */
export const VERIFICATION_TOKEN = "verification-token";
/**
 * Default response_url: loopback port 1, where nothing listens, so a test that forgets to pass
 * `slack.responseUrl()` gets a connection error rather than a request to the real hooks.slack.com.
 */
export const UNREACHABLE_RESPONSE_URL = "http://127.0.0.1:1/response-url-not-set";

let sequence = 0;
/** Slack's timestamps are "seconds.micro"; a counter in the micro part keeps them unique within a run. */
export function freshTs(): string {
  sequence += 1;
  return `${Math.floor(Date.now() / 1000)}.${String(sequence % 1_000_000).padStart(6, "0")}`;
}

function triggerId(): string {
  return `${Date.now()}.${sequence}.${Math.random().toString(16).slice(2, 18)}`;
}

function form(fields: Record<string, string>): string {
  // URLSearchParams encodes spaces as "+", as Slack does; Bolt decodes with querystring, which accepts that.
  return new URLSearchParams(fields).toString();
}

// ---------------------------------------------------------------------------------------------------------------
// Slash commands

export interface SlashCommandFields {
  token: string;
  team_id: string;
  team_domain: string;
  channel_id: string;
  channel_name: string;
  user_id: string;
  user_name: string;
  command: string;
  text: string;
  api_app_id: string;
  /** A string, not a boolean: slash commands are form fields even when they travel over Socket Mode. */
  is_enterprise_install: "true" | "false";
  response_url: string;
  trigger_id: string;
}

/** `/ombuds <text>` as Slack sends it: form-encoded over HTTP; the same fields as an object over Socket Mode. */
export function slashCommand(fields: Partial<SlashCommandFields> = {}): SlackRequest<SlashCommandFields> {
  // Field order follows Slack's own requests; it matters only to someone reading a captured body.
  const payload: SlashCommandFields = {
    token: VERIFICATION_TOKEN,
    team_id: TEAM_ID,
    team_domain: TEAM_DOMAIN,
    channel_id: CHANNEL_ID,
    channel_name: "general",
    user_id: USER_ID,
    user_name: "officer",
    command: "/ombuds",
    text: "",
    api_app_id: APP_ID,
    is_enterprise_install: "false",
    response_url: UNREACHABLE_RESPONSE_URL,
    trigger_id: triggerId(),
    ...fields,
  };
  return {
    body: form({ ...payload }),
    contentType: "application/x-www-form-urlencoded",
    payload,
    envelopeType: "slash_commands",
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Events API

export interface EventCallbackOptions {
  team_id?: string;
  api_app_id?: string;
  event_id?: string;
  /** Seconds since the epoch. */
  event_time?: number;
}

export interface EventCallback<E extends object = Record<string, unknown>> {
  token: string;
  team_id: string;
  context_team_id: string;
  context_enterprise_id: null;
  api_app_id: string;
  event: E;
  type: "event_callback";
  event_id: string;
  event_time: number;
  authorizations: {
    enterprise_id: null;
    team_id: string;
    user_id: string;
    is_bot: true;
    is_enterprise_install: false;
  }[];
  is_ext_shared_channel: false;
  event_context: string;
}

let eventSequence = 0;

/** An Events API `event_callback` wrapping `event`, as JSON. */
export function eventCallback<E extends object>(
  event: E,
  options: EventCallbackOptions = {},
): SlackRequest<EventCallback<E>> {
  eventSequence += 1;
  const team_id = options.team_id ?? TEAM_ID;
  const payload: EventCallback<E> = {
    token: VERIFICATION_TOKEN,
    team_id,
    context_team_id: team_id,
    context_enterprise_id: null,
    api_app_id: options.api_app_id ?? APP_ID,
    event,
    type: "event_callback",
    event_id: options.event_id ?? `Ev${String(eventSequence).padStart(9, "0")}`,
    event_time: options.event_time ?? Math.floor(Date.now() / 1000),
    // Bolt reads the bot's own user id from here (and from auth.test) to ignore its own messages.
    authorizations: [
      { enterprise_id: null, team_id, user_id: BOT_USER_ID, is_bot: true, is_enterprise_install: false },
    ],
    is_ext_shared_channel: false,
    event_context: `4-event-context-${eventSequence}`,
  };
  return {
    body: JSON.stringify(payload),
    contentType: "application/json",
    payload,
    envelopeType: "events_api",
  };
}

/** The handshake Slack sends when an Events API request URL is saved: HTTP only, and signed like any request. */
export function urlVerification(
  challenge = "challenge-3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P",
): SlackRequest<{ token: string; challenge: string; type: "url_verification" }> {
  const payload = { token: VERIFICATION_TOKEN, challenge, type: "url_verification" as const };
  return { body: JSON.stringify(payload), contentType: "application/json", payload };
}

interface MessageEventFields {
  text: string;
  user?: string;
  channel?: string;
  ts?: string;
  thread_ts?: string;
}

/** An `app_mention` event (for `eventCallback`): the text carries the `<@UBOT>` mention, as Slack's does. */
export function appMention(fields: MessageEventFields) {
  const ts = fields.ts ?? freshTs();
  return {
    type: "app_mention" as const,
    user: fields.user ?? USER_ID,
    text: fields.text.includes(`<@${BOT_USER_ID}>`) ? fields.text : `<@${BOT_USER_ID}> ${fields.text}`,
    ts,
    team: TEAM_ID,
    channel: fields.channel ?? CHANNEL_ID,
    event_ts: ts,
    ...(fields.thread_ts ? { thread_ts: fields.thread_ts } : {}),
  };
}

/** A `message` event in the bot's DM (`message.im`): `channel_type: "im"` is what tells Bolt it is a DM. */
export function directMessage(fields: MessageEventFields) {
  const ts = fields.ts ?? freshTs();
  return {
    type: "message" as const,
    user: fields.user ?? USER_ID,
    text: fields.text,
    ts,
    team: TEAM_ID,
    channel: fields.channel ?? DM_CHANNEL_ID,
    event_ts: ts,
    channel_type: "im" as const,
    ...(fields.thread_ts ? { thread_ts: fields.thread_ts } : {}),
  };
}

/** `app_home_opened` for the Home tab (`tab: "home"`); `view` is absent the first time a user opens it. */
export function appHomeOpened(fields: { user?: string; tab?: "home" | "messages"; view?: object } = {}) {
  return {
    type: "app_home_opened" as const,
    user: fields.user ?? USER_ID,
    channel: DM_CHANNEL_ID,
    tab: fields.tab ?? "home",
    event_ts: freshTs(),
    ...(fields.view ? { view: fields.view } : {}),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Interactivity

export interface BlockActionOptions {
  action_id: string;
  value?: string;
  block_id?: string;
  /** The clicking user's id. */
  user?: string;
  /** The channel id the message is in. */
  channel?: string;
  response_url?: string;
  /**
   * The message the button was on. Without one, the action comes from an ephemeral message: Slack then sends
   * no `message` and marks the container `is_ephemeral` (which is also why `respond()` is the only way to
   * change such a message).
   */
  message?: { ts: string; text?: string; blocks?: unknown[]; [key: string]: unknown };
  /** Override the container (e.g. `{ type: "view", view_id }` for a Home-tab button). */
  container?: Record<string, unknown>;
  trigger_id?: string;
}

/** A button click (`block_actions`), sent by Slack as the form field `payload=<json>`. */
export function blockAction(options: BlockActionOptions): SlackRequest {
  const user = options.user ?? USER_ID;
  const channel = options.channel ?? CHANNEL_ID;
  const message = options.message
    ? { type: "message", user: BOT_USER_ID, bot_id: BOT_ID, team: TEAM_ID, ...options.message }
    : undefined;
  const container = options.container ?? {
    type: "message",
    message_ts: message?.ts ?? freshTs(),
    channel_id: channel,
    is_ephemeral: message === undefined,
  };
  const payload: Record<string, unknown> = {
    type: "block_actions",
    user: { id: user, username: "officer", name: "officer", team_id: TEAM_ID },
    api_app_id: APP_ID,
    token: VERIFICATION_TOKEN,
    container,
    trigger_id: options.trigger_id ?? triggerId(),
    team: { id: TEAM_ID, domain: TEAM_DOMAIN },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: channel, name: "general" },
    ...(message ? { message } : {}),
    state: { values: {} },
    response_url: options.response_url ?? UNREACHABLE_RESPONSE_URL,
    actions: [
      {
        action_id: options.action_id,
        block_id: options.block_id ?? "actions",
        text: { type: "plain_text", text: "Button", emoji: true },
        ...(options.value !== undefined ? { value: options.value } : {}),
        type: "button",
        action_ts: freshTs(),
      },
    ],
  };
  return {
    body: form({ payload: JSON.stringify(payload) }),
    contentType: "application/x-www-form-urlencoded",
    payload,
    envelopeType: "interactive",
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Modals and selects

export interface ViewSubmissionOptions {
  callback_id: string;
  /** The modal's answers, keyed by block id then action id, as Slack sends them. */
  values: Record<string, Record<string, Record<string, unknown>>>;
  private_metadata?: string;
  user?: string;
  /** What a conversations_select with `response_url_enabled` gives: one URL per such input. */
  response_urls?: { block_id: string; action_id: string; channel_id: string; response_url: string }[];
}

/** A modal's submit (`view_submission`), sent as the form field `payload=<json>`; Slack waits for the ack's body. */
export function viewSubmission(options: ViewSubmissionOptions): SlackRequest {
  const user = options.user ?? USER_ID;
  const payload: Record<string, unknown> = {
    type: "view_submission",
    team: { id: TEAM_ID, domain: TEAM_DOMAIN },
    user: { id: user, username: "officer", name: "officer", team_id: TEAM_ID },
    api_app_id: APP_ID,
    token: VERIFICATION_TOKEN,
    trigger_id: triggerId(),
    view: {
      id: "VMODAL1",
      team_id: TEAM_ID,
      type: "modal",
      callback_id: options.callback_id,
      private_metadata: options.private_metadata ?? "",
      state: { values: options.values },
      hash: "1700000000.abcdef",
      app_id: APP_ID,
      bot_id: BOT_ID,
    },
    response_urls: options.response_urls ?? [],
    is_enterprise_install: false,
    enterprise: null,
  };
  return {
    body: form({ payload: JSON.stringify(payload) }),
    contentType: "application/x-www-form-urlencoded",
    payload,
    envelopeType: "interactive",
  };
}

/** A select asking for its options as someone types (`block_suggestion`); the ack's body carries them. */
export function blockSuggestion(options: {
  action_id: string;
  block_id: string;
  value: string;
  user?: string;
}): SlackRequest {
  const payload: Record<string, unknown> = {
    type: "block_suggestion",
    user: { id: options.user ?? USER_ID, username: "officer", name: "officer", team_id: TEAM_ID },
    container: { type: "view", view_id: "VMODAL1" },
    api_app_id: APP_ID,
    token: VERIFICATION_TOKEN,
    action_id: options.action_id,
    block_id: options.block_id,
    value: options.value,
    team: { id: TEAM_ID, domain: TEAM_DOMAIN },
    enterprise: null,
    is_enterprise_install: false,
    view: { id: "VMODAL1", type: "modal", callback_id: "digest_setup", state: { values: {} } },
  };
  return {
    body: form({ payload: JSON.stringify(payload) }),
    contentType: "application/x-www-form-urlencoded",
    payload,
    envelopeType: "interactive",
  };
}
