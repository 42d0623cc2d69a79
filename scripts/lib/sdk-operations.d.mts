export interface SdkOperation {
  action: string;
  pathname: string;
  method: string;
  query: Array<{ wire: string; field: string }>;
  bodyFields: Array<{ wire: string; field: string }>;
  wholeBody: boolean;
}
export declare const repoRoot: string;
export declare function loadSdk(): Record<string, unknown>;
export declare function sdkOperations(): Map<string, SdkOperation>;
export declare function coverage(
  spec: unknown,
  methods?: Map<string, SdkOperation>,
): { total: number; covered: number; missing: string[]; differs: string[] };
export declare function sdkVersion(): string;
