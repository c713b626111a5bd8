// Starts Vite's dev server (middleware mode, on an ephemeral port) on a fixture app with memoscope's
// plugin, requests a tagged module over HTTP as a browser would, loads the app through the server's
// SSR module runner, closes the server, and prints a JSON summary: { served, plain, check, fragments,
// merged } (the store's fragments while the server ran; its merged report once it closed).
// Usage: node vite-dev.mjs '{"fixture":"/abs/app"}' (the store is the default, <fixture>/.memoscope)
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { createRequire } from "node:module";

const request = JSON.parse(process.argv[2]);
const ROOT = path.resolve(import.meta.dirname, "..", "..");
const require = createRequire(import.meta.url);
const memoscope = require(path.join(ROOT, "dist", "bundler", "vite.js"));
const { createServer } = await import("vite");

const vite = await createServer({
  root: request.fixture,
  configFile: false,
  logLevel: "silent",
  appType: "custom",
  server: { middlewareMode: true, hmr: false },
  optimizeDeps: { noDiscovery: true, include: [] },
  plugins: [memoscope()],
});
const server = http.createServer(vite.middlewares);
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const store = path.join(request.fixture, ".memoscope");
const result = {};
try {
  const { port } = server.address();
  const get = async (url) => {
    const response = await fetch(`http://127.0.0.1:${port}${url}`);
    return { status: response.status, type: response.headers.get("content-type"), body: await response.text() };
  };
  result.served = await get("/src/math.ts");
  result.plain = await get("/src/plain.ts");
  const app = await vite.ssrLoadModule("/src/main.ts");
  result.check = JSON.parse(app.check());
  const dir = path.join(store, "fragments");
  result.fragments = fs.existsSync(dir) ? fs.readdirSync(dir).filter((n) => n.endsWith(".json")).map((n) => JSON.parse(fs.readFileSync(path.join(dir, n), "utf8"))) : [];
} finally {
  await new Promise((resolve) => server.close(resolve));
  await vite.close();
}
const merged = path.join(store, "report.json");
result.merged = fs.existsSync(merged) ? JSON.parse(fs.readFileSync(merged, "utf8")) : null;
process.stdout.write(`\n@@memoscope-result@@\n${JSON.stringify(result)}\n`);
