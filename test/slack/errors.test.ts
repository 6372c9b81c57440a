import { describe, expect, it } from "vitest";
import { PostFailure } from "../../src/digest/post-failure.ts";
import { slackFailure } from "../../src/slack/errors.ts";
import { platformError } from "./fakes.ts";

describe("slackFailure: what a Web API error means for the digest and the listeners", () => {
  it.each([
    "channel_not_found",
    "not_in_channel",
    "is_archived",
    "restricted_action",
    "msg_too_long",
    "invalid_auth",
    "account_inactive",
    "missing_scope",
  ])("Slack's refusal %s is permanent: someone must act before a post there can succeed", (code) => {
    const error = platformError(code);
    const failure = slackFailure(error);
    expect(failure).toBeInstanceOf(PostFailure);
    expect(failure).toMatchObject({ code, permanent: true, cause: error });
  });

  it.each(["internal_error", "service_unavailable", "fatal_error"])(
    "Slack's %s is worth retrying",
    (code) => {
      expect(slackFailure(platformError(code))).toMatchObject({ code, permanent: false });
    },
  );

  it("a platform error without Slack's code still reads as one, and as transient", () => {
    const error = Object.assign(new Error("An API error occurred"), { code: "slack_webapi_platform_error" });
    expect(slackFailure(error)).toMatchObject({ code: "unknown_error", permanent: false });
  });

  it("the client's own errors keep their code (or else their message), and are transient", () => {
    const request = Object.assign(new Error("socket hang up"), { code: "slack_webapi_request_error" });
    expect(slackFailure(request)).toMatchObject({ code: "slack_webapi_request_error", permanent: false });
    expect(slackFailure(new Error("not_in_channel"))).toMatchObject({
      code: "not_in_channel",
      permanent: false,
    });
    expect(slackFailure("down")).toMatchObject({ code: "down", permanent: false });
  });

  it("a failure already read is kept as it is", () => {
    const failure = new PostFailure("is_archived", true);
    expect(slackFailure(failure)).toBe(failure);
  });
});
