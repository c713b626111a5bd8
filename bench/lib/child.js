"use strict";
// A benchmark child process spoken to by request and reply: each message it sends answers the oldest
// pending request (its first message answers `ready`). Shared by the runtime and build benchmarks.

const { fork } = require("child_process");

/** Forks `script` with `args`; `ask(message)` sends a request and resolves with the reply. */
function startChild(script, args, { execArgv = [], label = "child" } = {}) {
  const child = fork(script, args, { execArgv, stdio: ["ignore", "pipe", "pipe", "ipc"] });
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += d));
  child.stdout.on("data", () => {});
  const waiters = [];
  child.on("message", (msg) => waiters.shift()?.resolve(msg));
  child.on("exit", (code) => {
    for (const w of waiters.splice(0)) w.reject(new Error(`${label} exited with ${code}: ${stderr.trim().split("\n").slice(-3).join(" / ")}`));
  });
  const next = () => new Promise((resolve, reject) => waiters.push({ resolve, reject }));
  return {
    ready: next(),
    ask(message) {
      const reply = next();
      child.send(message);
      return reply;
    },
    /** Asks the child to exit; resolves once it has (a build child may still be writing its report at exit). */
    stop() {
      const exited = new Promise((resolve) => (child.exitCode !== null ? resolve() : child.once("exit", resolve)));
      if (child.connected) child.send({ type: "exit" });
      setTimeout(() => child.kill(), 2000).unref();
      return exited;
    },
  };
}

module.exports = { startChild };
