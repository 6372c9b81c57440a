import type { AnyBlock } from "@slack/types";
import { LIMITS, textsOf } from "../../src/slack/render/index.ts";

/*
 * A test oracle: Block Kit's limits checked the way Slack checks them before it rejects a message with
 * `invalid_blocks`. The renderer's tests and the Slack app's integration tests run every message they capture
 * through `checkBlocks`.
 */

/** Every block type Slack documents (the `KnownBlock` union of @slack/types). */
const KNOWN_TYPES = new Set([
  "actions",
  "alert",
  "card",
  "carousel",
  "container",
  "context",
  "context_actions",
  "data_table",
  "divider",
  "file",
  "header",
  "image",
  "input",
  "markdown",
  "rich_text",
  "section",
  "table",
  "task_card",
  "plan",
  "video",
]);

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * Every Block Kit limit the blocks break, one sentence each ("block 3 (section): text is 3001 characters, over
 * 3000"); none when Slack would accept them. Messages allow 50 blocks, App Home views 100 (`maxBlocks`); all the
 * text together is held to `LIMITS.messageText` unless `maxText` says otherwise.
 */
export function checkBlocks(
  blocks: readonly AnyBlock[] | readonly unknown[],
  options: { maxBlocks?: number; maxText?: number } = {},
): string[] {
  const maxBlocks = options.maxBlocks ?? LIMITS.messageBlocks;
  const maxText = options.maxText ?? LIMITS.messageText;
  const problems: string[] = [];
  if (blocks.length > maxBlocks) problems.push(`${blocks.length} blocks, over ${maxBlocks}`);
  const text = textsOf(blocks).reduce((n, t) => n + t.length, 0);
  if (text > maxText) problems.push(`${text} characters of text in all, over ${maxText}`);
  const blockIds = new Set<string>();
  blocks.forEach((block, i) => {
    const where = `block ${i + 1}${isObject(block) && typeof block.type === "string" ? ` (${block.type})` : ""}`;
    const report = (problem: string) => problems.push(`${where}: ${problem}`);
    if (!isObject(block) || typeof block.type !== "string") {
      report("not a block (no type)");
      return;
    }
    if (block.block_id !== undefined) {
      if (typeof block.block_id !== "string" || block.block_id.length === 0) report("block_id is empty");
      else {
        if (block.block_id.length > LIMITS.blockId)
          report(`block_id is ${block.block_id.length} characters, over ${LIMITS.blockId}`);
        if (blockIds.has(block.block_id)) report(`block_id "${block.block_id}" is used twice`);
        blockIds.add(block.block_id);
      }
    }
    switch (block.type) {
      case "header":
        checkText(block.text, "text", LIMITS.header, report, { plainOnly: true });
        break;
      case "section":
        checkSection(block, report);
        break;
      case "context":
        checkContext(block, report);
        break;
      case "actions":
        checkActions(block, report);
        break;
      default:
        if (!KNOWN_TYPES.has(block.type)) report(`unknown block type "${block.type}"`);
    }
  });
  return problems;
}

function checkText(
  value: unknown,
  what: string,
  max: number,
  report: (problem: string) => void,
  options: { plainOnly?: boolean } = {},
): void {
  if (!isObject(value)) {
    report(`${what} is missing or not a text object`);
    return;
  }
  if (value.type !== "plain_text" && (options.plainOnly || value.type !== "mrkdwn")) {
    report(
      `${what} has type ${JSON.stringify(value.type)}, not ${options.plainOnly ? "plain_text" : "plain_text or mrkdwn"}`,
    );
  }
  if (typeof value.text !== "string") {
    report(`${what} has no text`);
    return;
  }
  if (value.text.trim().length === 0) report(`${what} is empty`);
  if (value.text.length > max) report(`${what} is ${value.text.length} characters, over ${max}`);
}

function checkSection(block: Json, report: (problem: string) => void): void {
  if (block.text === undefined && block.fields === undefined) report("has neither text nor fields");
  if (block.text !== undefined) checkText(block.text, "text", LIMITS.sectionText, report);
  if (block.fields !== undefined) {
    if (!Array.isArray(block.fields)) report("fields is not a list");
    else {
      if (block.fields.length === 0) report("fields is empty");
      if (block.fields.length > LIMITS.fields) report(`${block.fields.length} fields, over ${LIMITS.fields}`);
      block.fields.forEach((field, j) => {
        checkText(field, `field ${j + 1}`, LIMITS.field, report);
      });
    }
  }
  if (block.accessory !== undefined) checkElement(block.accessory, "accessory", report);
}

function checkContext(block: Json, report: (problem: string) => void): void {
  if (!Array.isArray(block.elements) || block.elements.length === 0) {
    report("has no elements");
    return;
  }
  if (block.elements.length > LIMITS.contextElements)
    report(`${block.elements.length} elements, over ${LIMITS.contextElements}`);
  block.elements.forEach((element, j) => {
    if (isObject(element) && element.type === "image") return;
    checkText(element, `element ${j + 1}`, LIMITS.contextText, report);
  });
}

function checkActions(block: Json, report: (problem: string) => void): void {
  if (!Array.isArray(block.elements) || block.elements.length === 0) {
    report("has no elements");
    return;
  }
  if (block.elements.length > LIMITS.actionsElements)
    report(`${block.elements.length} elements, over ${LIMITS.actionsElements}`);
  const actionIds = new Set<string>();
  block.elements.forEach((element, j) => {
    checkElement(element, `element ${j + 1}`, report);
    if (isObject(element) && typeof element.action_id === "string") {
      if (actionIds.has(element.action_id)) report(`action_id "${element.action_id}" is used twice`);
      actionIds.add(element.action_id);
    }
  });
}

/** Buttons are the only interactive element the bot sends; other elements are checked for their action_id only. */
function checkElement(element: unknown, what: string, report: (problem: string) => void): void {
  if (!isObject(element) || typeof element.type !== "string") {
    report(`${what} is not an element`);
    return;
  }
  if (element.action_id !== undefined) {
    if (typeof element.action_id !== "string" || element.action_id.length === 0)
      report(`${what} has an empty action_id`);
    else if (element.action_id.length > LIMITS.actionId)
      report(`${what} action_id is ${element.action_id.length} characters, over ${LIMITS.actionId}`);
  }
  if (element.type !== "button") return;
  checkText(element.text, `${what} text`, LIMITS.buttonText, report, { plainOnly: true });
  if (element.value !== undefined) {
    if (typeof element.value !== "string") report(`${what} value is not a string`);
    else if (element.value.length > LIMITS.buttonValue)
      report(`${what} value is ${element.value.length} characters, over ${LIMITS.buttonValue}`);
  }
  if (typeof element.url === "string" && element.url.length > LIMITS.url)
    report(`${what} url is ${element.url.length} characters, over ${LIMITS.url}`);
}
