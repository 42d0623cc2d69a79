// Types of chromium.mjs, for the TypeScript configs that import it.
export declare const INSTALL_COMMAND: string;
export declare function findChromium(env?: Record<string, string | undefined>): string | undefined;
export declare function ensureChromium(options?: {
  env?: Record<string, string | undefined>;
  log?: (line: string) => void;
}): string;
