import { describe, expect, it } from "vitest";
import {
  type AdminFlags,
  isWorkspaceAdmin,
  mayChangeDigest,
  type PermissionQuestion,
} from "../../src/digest/permission.ts";

const NONE: AdminFlags = { admin: false, owner: false, primaryOwner: false };
const OWNER = "U0OWNER";
const setUp = { createdBy: OWNER };

const ask = (question: Partial<PermissionQuestion>) =>
  mayChangeDigest({ subscription: setUp, user: "U0OTHER", digestAdmins: [], flags: NONE, ...question });

describe("who may change a conversation's digest", () => {
  it("anyone, where there is no digest yet (starting one is open to all), whatever their role", () => {
    for (const flags of [NONE, null, undefined]) {
      expect(ask({ subscription: undefined, flags })).toEqual({ allowed: true, as: "anyone" });
    }
  });

  it("the person who set it up, without their role being looked up or known", () => {
    for (const flags of [NONE, null, undefined]) {
      expect(ask({ user: OWNER, flags })).toEqual({ allowed: true, as: "creator" });
    }
  });

  it("a DM's digest is its user's own: they set it up there, and may change it", () => {
    expect(ask({ subscription: { createdBy: "U0OFFICER" }, user: "U0OFFICER", flags: undefined })).toEqual({
      allowed: true,
      as: "creator",
    });
  });

  it("anyone in DIGEST_ADMINS, without their role being looked up or known", () => {
    for (const flags of [NONE, null, undefined]) {
      expect(ask({ digestAdmins: ["U0HELPER", "U0OTHER"], flags })).toEqual({
        allowed: true,
        as: "digest admin",
      });
    }
  });

  it("a workspace admin, owner or primary owner", () => {
    for (const flags of [
      { ...NONE, admin: true },
      { ...NONE, owner: true },
      { ...NONE, primaryOwner: true },
      { admin: true, owner: true, primaryOwner: true },
    ]) {
      expect(ask({ flags })).toEqual({ allowed: true, as: "workspace admin" });
    }
  });

  it("nobody else: the refusal names who set it up", () => {
    expect(ask({ flags: NONE })).toEqual({ allowed: false, setUpBy: OWNER, reason: "not allowed" });
    // Someone else's DIGEST_ADMINS entry is not this user's.
    expect(ask({ digestAdmins: ["U0HELPER"], flags: NONE })).toMatchObject({
      allowed: false,
      reason: "not allowed",
    });
    // Ids are compared exactly.
    expect(ask({ digestAdmins: ["u0other"], flags: NONE })).toMatchObject({ allowed: false });
  });

  it("when Slack could not say the user's role, refused (never allowed by default)", () => {
    expect(ask({ flags: null })).toEqual({ allowed: false, setUpBy: OWNER, reason: "unknown" });
  });

  it("when the role was not looked up, refused as unchecked: the caller looks it up and asks again", () => {
    expect(ask({ flags: undefined })).toEqual({ allowed: false, setUpBy: OWNER, reason: "unchecked" });
  });

  it("isWorkspaceAdmin: any of admin, owner and primary owner", () => {
    expect(isWorkspaceAdmin(NONE)).toBe(false);
    expect(isWorkspaceAdmin({ ...NONE, admin: true })).toBe(true);
    expect(isWorkspaceAdmin({ ...NONE, owner: true })).toBe(true);
    expect(isWorkspaceAdmin({ ...NONE, primaryOwner: true })).toBe(true);
  });
});
