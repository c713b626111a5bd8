import type { Framework } from "./notify";
import type { ResolvedOptions } from "./options";

/** Shared by the plugin's parts during one bundler instance (unplugin's wiring, esbuild's and Rspack's own paths alike). */
export interface State {
  framework: Framework;
  options: ResolvedOptions;
  root: string;
  /** Files the transform saw (whatever their content), so the skipped-file check knows what it missed. */
  handled: Set<string>;
  /** Compiler plugins found to run before memoscope (Vite: from the resolved config), reported at build start. */
  before: string[];
  /** webpack/Rspack production build, not watching: modules are built once, so loaders may go to tagged files only. */
  oneOffBuild: boolean;
  /** esbuild: the files its onLoad saw this build (esbuild gives a plugin no module list). */
  loaded: Set<string>;
  /** Builds started by this instance (webpack/Rspack: what the loader gate keeps its answers for). */
  builds: number;
}

/** A fresh state: nothing seen, no build started. */
export function newState(framework: Framework, options: ResolvedOptions, root: string, oneOffBuild = false): State {
  return { framework, options, root, handled: new Set(), before: [], oneOffBuild, loaded: new Set(), builds: 0 };
}

/** A build starts: files seen by the last one are forgotten (a rebuild must not remember a file whose tag is gone), and the build is counted. */
export function startBuild(state: State): void {
  state.handled.clear();
  state.loaded.clear();
  state.builds += 1;
}
