import http from "node:http";
import https from "node:https";

// Connections to Slack's response-URL host are kept open between answers: a busy bot posts many in a row.
const agents = {
  "http:": new http.Agent({ keepAlive: true }),
  "https:": new https.Agent({ keepAlive: true }),
};

/**
 * POST a JSON body and read the reply. Node's own http client rather than fetch: every answer makes one post, and
 * with fetch the answering thread spent about 40% more CPU in all (`npm run bench -- --only slack`, 1,100 answers).
 */
export function postJson(url: string, json: string): Promise<{ status: number; text: string }> {
  const target = new URL(url);
  const client = target.protocol === "https:" ? https : target.protocol === "http:" ? http : undefined;
  if (!client) return Promise.reject(new Error(`not an http(s) URL: ${url}`));
  const body = Buffer.from(json, "utf8");
  return new Promise((resolve, reject) => {
    const request = client.request(
      target,
      {
        method: "POST",
        agent: agents[target.protocol as "http:" | "https:"],
        headers: { "content-type": "application/json; charset=utf-8", "content-length": body.length },
        timeout: 10_000,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }),
        );
        response.on("error", reject);
      },
    );
    request.on("timeout", () => request.destroy(new Error(`no reply from ${target.host} within 10 s`)));
    request.on("error", reject);
    request.end(body);
  });
}
