import type { WebClient } from "@slack/web-api";
import { slug } from "../authorities/index.ts";
import { type Chart, chartPng } from "../charts/index.ts";
import type { Logger } from "../log.ts";
import { slackFailure } from "./errors.ts";

/** The part of the Web API client that uploads a file (`files:write`). */
export interface FilesClient {
  files: Pick<WebClient["files"], "uploadV2">;
}

/** Where a chart goes: a conversation the bot may post in, and the thread of the answer it belongs to. */
export interface ChartPlace {
  channel: string;
  thread?: string;
}

/** A file name from the chart's title, as council names are made slugs: "sefton-2024-rates-against-the-average.png". */
export function chartFileName(chart: Chart): string {
  const name = slug(chart.title).slice(0, 60).replace(/-+$/, "");
  return `${name || "chart"}.png`;
}

/**
 * Upload an answer's chart beside it (`files.uploadV2`: the upload URL, the bytes, then completing into the
 * conversation and thread), with alt text that says the figures. The answer in words is already posted, so a chart
 * that cannot be drawn or uploaded is logged and the person still has every figure; it never throws.
 */
export async function uploadChart(
  client: FilesClient,
  chart: Chart,
  place: ChartPlace,
  logger: Pick<Logger, "warn">,
): Promise<boolean> {
  try {
    const image = await chartPng(chart);
    const file = {
      file: image.png,
      filename: chartFileName(chart),
      title: image.title,
      alt_text: image.altText,
    };
    await client.files.uploadV2(
      place.thread
        ? { ...file, channel_id: place.channel, thread_ts: place.thread }
        : { ...file, channel_id: place.channel },
    );
    return true;
  } catch (error) {
    logger.warn(
      { channel: place.channel, code: slackFailure(error).code, err: error },
      "could not upload the answer's chart; the answer was posted without it",
    );
    return false;
  }
}
