// `rspack build` without the CLI's dev-server dependencies: the config, the compiler, its own stats output.
import { rspack } from "@rspack/core";
import config from "./rspack.config.mjs";

const stats = await new Promise((resolve, reject) => rspack(config, (err, s) => (err ? reject(err) : resolve(s))));
console.log(stats.toString({ colors: false }));
if (stats.hasErrors()) process.exit(1);
