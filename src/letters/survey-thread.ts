// The thread of survey.ts: walks and stats the letter files it is given, posts them and ends.
import { parentPort, workerData } from "node:worker_threads";
import { surveyLetterFiles } from "./files.ts";
import { packSurvey } from "./survey.ts";

if (!parentPort) throw new Error("survey-thread.ts runs only as a worker thread");
const { paths } = workerData as { paths: string[] };
try {
  parentPort.postMessage(packSurvey(await surveyLetterFiles(paths)));
} catch (error) {
  parentPort.postMessage({ error: (error as Error).message });
}
