/**
 * The /health watcher's thread (scripts/lib/scale.js watchHealth): watches the services given in
 * its workerData and answers "take" and "stop" with the figures so far.
 */
const { parentPort, workerData } = require("node:worker_threads");
const { healthWatch } = require("./scale");

const watch = healthWatch(workerData.baseUrls, workerData.options);
parentPort.on("message", async (message) => {
  if (message === "take") parentPort.postMessage({ results: watch.take() });
  else if (message === "stop") parentPort.postMessage({ results: await watch.stop() });
});
