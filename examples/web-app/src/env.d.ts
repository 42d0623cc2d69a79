/// <reference types="vite/client" />
interface ImportMetaEnv {
  readonly VITE_OPENSEARCH_ENDPOINT?: string;
  readonly VITE_STS_URL?: string;
  readonly VITE_APP_GROUP?: string;
  readonly VITE_FUNCTION?: string;
}
