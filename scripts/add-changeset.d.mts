export declare function slugOf(summary: string): string;
export declare function parseArgs(
  argv: string[],
  known: Map<string, string>,
): { bump: string; summary: string; packages: string[]; name: string };
export declare function changesetText(args: { bump: string; summary: string; packages: string[] }): string;
export declare function addChangeset(root: string, argv: string[]): string;
