// The one loader of the client's lazy chunks (the failure path, the call-options checks): each is
// a dynamic import, so bundlers split it off and a page's first load does not carry it. A chunk
// loads once per process; a load that fails (a browser gone offline) is tried again on the next use.
// Each caller turns a failed load into its own typed error, never a bare import error.

/** The loader of one chunk: the same promise while it loads or once it has loaded, a new try after a failure. */
export function lazyChunk<M>(importer: () => Promise<M>): () => Promise<M> {
  let loading: Promise<M> | undefined;
  return () => {
    loading ??= importer().catch((cause: unknown) => {
      loading = undefined;
      throw cause;
    });
    return loading;
  };
}

/** Starts a load without waiting for it (its failure is reported to the next real use). */
export const prefetch = (load: () => Promise<unknown>): void => {
  load().catch(() => {});
};
